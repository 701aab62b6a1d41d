package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.testkit.MailroomExtension;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Short of resources: 421 4.3.2 to new connections, 452 4.3.1 to new transactions, and back by itself. */
class OverloadTest {
    private final AtomicBoolean short_ = new AtomicBoolean();

    @RegisterExtension
    final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test")
            .resourceGuard(() -> short_.get() ? Optional.of("memory") : Optional.empty()));

    @Test
    void whileShortNewConnectionsGet421AndTransactions452ThenServiceResumes() throws Exception {
        try (RawSmtpClient open = RawSmtpClient.session(mailroom.port())) {
            short_.set(true);
            try (RawSmtpClient refused = RawSmtpClient.connect(mailroom.port())) {
                assertThat(refused.reply()).isEqualTo(Replies.OVERLOADED_421.with(mailroom.server().config().hostname()).wire());
                assertThat(refused.closedByServer()).isTrue();
            }
            assertThat(open.command("MAIL FROM:<alice@sender.test>")).isEqualTo(Replies.RESOURCES_LOW_452.wire());

            short_.set(false);
            assertThat(open.command("MAIL FROM:<alice@sender.test>")).startsWith("250 ");
            try (RawSmtpClient again = RawSmtpClient.connect(mailroom.port())) {
                assertThat(again.reply()).startsWith("220 ");
            }
        }
    }
}
