package dev.mailroom.reply.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every reply the server can send is explained by the catalogue: its basic code and its enhanced code. */
class RepliesCoverageTest {

    @Test
    void everyReplyTheServerSendsHasCatalogueEntries() {
        ReplyCatalog catalog = ReplyCatalog.standard();
        List<Reply> replies = Replies.all();

        assertThat(replies).as("Replies constants found by reflection").hasSizeGreaterThan(20);
        for (Reply reply : replies) {
            assertThat(catalog.contains(reply.code())).as("basic code of %s", reply).isTrue();
            reply.enhanced().ifPresent(status ->
                    assertThat(catalog.contains(status)).as("enhanced code of %s", reply).isTrue());
        }
    }
}
