package dev.mailroom.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.EnhancedStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyTextTest {

    @Test
    void readsTheBasicAndEnhancedCodeOfALine() {
        ReplyText reply = ReplyText.parse("550 5.1.1 <bob@example.com>: Recipient address rejected").orElseThrow();

        assertThat(reply.lines()).containsExactly("550 5.1.1 <bob@example.com>: Recipient address rejected");
        assertThat(reply.parts()).containsExactly(new ReplyText.Part(550, Optional.of(EnhancedStatus.parse("5.1.1"))));
    }

    @Test
    void multiLineRepliesGiveEachDistinctCodeOnce() {
        String real = "250-mail.example.org\r\n250-PIPELINING\r\n250 2.0.0 Ok";
        String typed = "550-5.1.1 The account does not exist.\\n550 5.1.1 Try again with a valid address.";

        assertThat(ReplyText.parse(real).orElseThrow().parts()).extracting(ReplyText.Part::text)
                .containsExactly("250", "250 2.0.0");
        ReplyText reply = ReplyText.parse(typed).orElseThrow();
        assertThat(reply.lines()).hasSize(2);
        assertThat(reply.parts()).extracting(ReplyText.Part::text).containsExactly("550 5.1.1");
    }

    @Test
    void aCodeWithoutTextAndAnEnhancedCodeGluedToTextAreReadAsTheyAre() {
        assertThat(ReplyText.parse("421").orElseThrow().parts()).extracting(ReplyText.Part::text).containsExactly("421");
        assertThat(ReplyText.parse("250 2.0.0Ok").orElseThrow().parts()).extracting(ReplyText.Part::text).containsExactly("250");
    }

    @Test
    void textThatIsNotAReplyIsRejected() {
        assertThat(ReplyText.parse("hello world")).isEmpty();
        assertThat(ReplyText.parse("550 5.1.1 fine\nbut this line has no code")).isEmpty();
        assertThat(ReplyText.parse("650 not a class")).isEmpty();
        assertThat(ReplyText.parse("   ")).isEmpty();
    }
}
