package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.reply.Replies;
import dev.mailroom.testkit.MailroomExtension;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection limits, global and per client address: 421 4.7.0 at the greeting, then close. */
class ConnectionLimitsTest {

    private static String greeting(MailroomExtension mailroom) {
        return Replies.GREETING_220.with(mailroom.server().config().hostname()).wire();
    }

    @Nested
    class Global {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.maxConnections(3));

        @Test
        void theConnectionOverTheLimitIsRefusedWith421AndAFreedPlaceCanBeUsedAgain() throws Exception {
            // From three addresses, so that only the global limit applies.
            try (RawSmtpClient first = RawSmtpClient.connectFrom("127.0.0.1", mailroom.port());
                 RawSmtpClient second = RawSmtpClient.connectFrom("127.0.0.2", mailroom.port());
                 RawSmtpClient third = RawSmtpClient.connectFrom("127.0.0.3", mailroom.port());
                 RawSmtpClient fourth = RawSmtpClient.connectFrom("127.0.0.4", mailroom.port())) {
                assertThat(first.reply()).isEqualTo(greeting(mailroom));
                assertThat(second.reply()).isEqualTo(greeting(mailroom));
                assertThat(third.reply()).isEqualTo(greeting(mailroom));

                assertThat(fourth.reply()).isEqualTo(
                        Replies.TOO_MANY_CONNECTIONS_421.with(mailroom.server().config().hostname()).wire());
                assertThat(fourth.closedByServer()).isTrue();

                assertThat(first.command("QUIT")).isEqualTo(Replies.CLOSING_221.wire());
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    try (RawSmtpClient again = RawSmtpClient.connectFrom("127.0.0.4", mailroom.port())) {
                        return again.reply().equals(greeting(mailroom));
                    }
                });
            }
        }
    }

    @Nested
    class PerClientAddress {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.maxConnectionsPerIp(2));

        @Test
        void aThirdConnectionFromOneAddressIsRefusedWhileAnotherAddressIsServed() throws Exception {
            try (RawSmtpClient first = RawSmtpClient.connectFrom("127.0.0.1", mailroom.port());
                 RawSmtpClient second = RawSmtpClient.connectFrom("127.0.0.1", mailroom.port());
                 RawSmtpClient third = RawSmtpClient.connectFrom("127.0.0.1", mailroom.port());
                 RawSmtpClient elsewhere = RawSmtpClient.connectFrom("127.0.0.2", mailroom.port())) {
                assertThat(first.reply()).isEqualTo(greeting(mailroom));
                assertThat(second.reply()).isEqualTo(greeting(mailroom));

                assertThat(third.reply()).isEqualTo(
                        Replies.TOO_MANY_CONNECTIONS_FROM_CLIENT_421.with(mailroom.server().config().hostname()).wire());
                assertThat(third.closedByServer()).isTrue();

                assertThat(elsewhere.reply()).isEqualTo(greeting(mailroom));
                assertThat(elsewhere.command("EHLO client.test")).startsWith("250-");
            }
        }
    }
}
