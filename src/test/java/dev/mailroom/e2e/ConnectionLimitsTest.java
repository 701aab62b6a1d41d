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

    private static RawSmtpClient greeted(RawSmtpClient client, MailroomExtension mailroom) throws java.io.IOException {
        assertThat(client.reply()).isEqualTo(greeting(mailroom));
        return client;
    }

    @Nested
    class Global {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.maxConnections(3));

        @Test
        void theConnectionOverTheLimitIsRefusedWith421AndAFreedPlaceCanBeUsedAgain() throws Exception {
            // From three addresses, so that only the global limit applies.
            // Each greeting is read before the next connection opens: connections are admitted in the order their
            // virtual threads run, which is not always the order they were opened in.
            try (RawSmtpClient first = greeted(RawSmtpClient.connectFrom("127.0.0.1", mailroom.port()), mailroom);
                 RawSmtpClient second = greeted(RawSmtpClient.connectFrom("127.0.0.2", mailroom.port()), mailroom);
                 RawSmtpClient third = greeted(RawSmtpClient.connectFrom("127.0.0.3", mailroom.port()), mailroom);
                 RawSmtpClient fourth = RawSmtpClient.connectFrom("127.0.0.4", mailroom.port())) {

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
            try (RawSmtpClient first = greeted(RawSmtpClient.connectFrom("127.0.0.1", mailroom.port()), mailroom);
                 RawSmtpClient second = greeted(RawSmtpClient.connectFrom("127.0.0.1", mailroom.port()), mailroom);
                 RawSmtpClient third = RawSmtpClient.connectFrom("127.0.0.1", mailroom.port());
                 RawSmtpClient elsewhere = RawSmtpClient.connectFrom("127.0.0.2", mailroom.port())) {

                assertThat(third.reply()).isEqualTo(
                        Replies.TOO_MANY_CONNECTIONS_FROM_CLIENT_421.with(mailroom.server().config().hostname()).wire());
                assertThat(third.closedByServer()).isTrue();

                assertThat(elsewhere.reply()).isEqualTo(greeting(mailroom));
                assertThat(elsewhere.command("EHLO client.test")).startsWith("250-");
            }
        }
    }
}
