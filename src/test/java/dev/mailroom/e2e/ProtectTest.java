package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.testkit.MailroomExtension;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-client abuse controls over loopback, each client on an address of its own (127.0.0.x) so the
 * per-address logic is real: rates, failure budget, tarpit, early talkers.
 */
class ProtectTest {

    private static RawSmtpClient greeted(String from, int port) throws IOException {
        RawSmtpClient client = RawSmtpClient.connectFrom(from, port);
        assertThat(client.reply()).startsWith("220 ");
        assertThat(client.command("EHLO client.test")).startsWith("250-");
        return client;
    }

    @Nested
    class Rates {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> {
            builder.domain("example.test");
            builder.protect().connectionRate(2).messageRate(2).recipientRate(3).failureBudget(3);
        });

        private String hostname() {
            return mailroom.server().config().hostname();
        }

        @Test
        void aClientOverItsConnectionRateGets421AtTheGreetingWhileOthersAreServed() throws Exception {
            greeted("127.0.0.2", mailroom.port()).close();
            greeted("127.0.0.2", mailroom.port()).close();
            try (RawSmtpClient third = RawSmtpClient.connectFrom("127.0.0.2", mailroom.port())) {
                assertThat(third.reply()).isEqualTo(Replies.CONNECTION_RATE_421.with(hostname()).wire());
                assertThat(third.closedByServer()).isTrue();
            }
            greeted("127.0.0.3", mailroom.port()).close();
        }

        @Test
        void messagesAndRecipientsOverTheirRatesGet451AndTheSessionGoesOn() throws Exception {
            try (RawSmtpClient client = greeted("127.0.0.4", mailroom.port())) {
                assertThat(client.command("MAIL FROM:<a@sender.test>")).startsWith("250 ");
                assertThat(client.command("RCPT TO:<bob@example.test>")).startsWith("250 ");
                assertThat(client.command("RCPT TO:<carol@example.test>")).startsWith("250 ");
                assertThat(client.command("RCPT TO:<dave@example.test>")).startsWith("250 ");
                assertThat(client.command("RCPT TO:<erin@example.test>")).isEqualTo(Replies.RECIPIENT_RATE_451.wire());
                assertThat(client.command("RSET")).startsWith("250 ");
                assertThat(client.command("MAIL FROM:<a@sender.test>")).startsWith("250 ");
                assertThat(client.command("RSET")).startsWith("250 ");
                assertThat(client.command("MAIL FROM:<a@sender.test>")).isEqualTo(Replies.MESSAGE_RATE_451.wire());
                assertThat(client.command("NOOP")).startsWith("250 ");
            }
            try (RawSmtpClient other = greeted("127.0.0.5", mailroom.port())) {
                assertThat(other.command("MAIL FROM:<a@sender.test>")).startsWith("250 ");
            }
        }

        @Test
        void aClientThatSpentItsFailureBudgetIsRefusedAtTheNextGreeting() throws Exception {
            try (RawSmtpClient client = greeted("127.0.0.6", mailroom.port())) {
                for (int i = 0; i < 3; i++) {
                    assertThat(client.command("XYZZY")).isEqualTo(Replies.COMMAND_UNRECOGNIZED_500.wire());
                }
            }
            try (RawSmtpClient again = RawSmtpClient.connectFrom("127.0.0.6", mailroom.port())) {
                assertThat(again.reply()).isEqualTo(Replies.TOO_MANY_ERRORS_FROM_CLIENT_421.with(hostname()).wire());
                assertThat(again.closedByServer()).isTrue();
            }
        }
    }

    @Nested
    class RateAbuse {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.protect().messageRate(1).rateRefusals(1));

        @Test
        void aClientThatIgnoresItsRate451sIsClosedWith421() throws Exception {
            try (RawSmtpClient client = greeted("127.0.0.10", mailroom.port())) {
                assertThat(client.command("MAIL FROM:<a@sender.test>")).startsWith("250 ");
                assertThat(client.command("RSET")).startsWith("250 ");
                assertThat(client.command("MAIL FROM:<a@sender.test>")).isEqualTo(Replies.MESSAGE_RATE_451.wire());
                assertThat(client.command("MAIL FROM:<a@sender.test>"))
                        .isEqualTo(Replies.RATE_ABUSE_421.with(mailroom.server().config().hostname()).wire());
                assertThat(client.closedByServer()).isTrue();
            }
        }
    }

    @Nested
    class ManyClients {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.protect().connectionRate(1).rateClients(64));

        @Test
        void eachOfManyAddressesHasItsOwnRate() throws Exception {
            String hostname = mailroom.server().config().hostname();
            for (int i = 1; i <= 40; i++) {
                String address = "127.0.1." + i;
                greeted(address, mailroom.port()).close();
                try (RawSmtpClient again = RawSmtpClient.connectFrom(address, mailroom.port())) {
                    assertThat(again.reply()).as(address).isEqualTo(Replies.CONNECTION_RATE_421.with(hostname).wire());
                }
            }
        }
    }

    @Nested
    class Tarpit {
        static final Duration DELAY = Duration.ofMillis(400);

        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> {
            builder.maxErrors(4);
            builder.protect().tarpitAfter(2).tarpitDelay(DELAY);
        });

        @Test
        void afterNErrorsRepliesSlowDownAndAfterMTheSessionIsClosed() throws Exception {
            try (RawSmtpClient client = greeted("127.0.0.7", mailroom.port())) {
                assertThat(timed(() -> client.command("XYZZY"))).isLessThan(DELAY);
                assertThat(timed(() -> client.command("XYZZY"))).isLessThan(DELAY);
                assertThat(timed(() -> client.command("NOOP"))).isGreaterThanOrEqualTo(DELAY);
                client.command("XYZZY");
                client.command("XYZZY");
                assertThat(client.command("NOOP"))
                        .isEqualTo(Replies.TOO_MANY_ERRORS_421.with(mailroom.server().config().hostname()).wire());
                assertThat(client.closedByServer()).isTrue();
            }
        }
    }

    @Nested
    class EarlyTalkers {
        static final Duration GREET_DELAY = Duration.ofMillis(500);

        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.protect().greetDelay(GREET_DELAY));

        @Test
        void aClientThatTalksBeforeTheGreetingGets521AndIsDisconnected() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.8", mailroom.port())) {
                client.send("EHLO hasty.test\r\n");
                assertThat(client.reply()).isEqualTo(Replies.EARLY_TALKER_521.with(mailroom.server().config().hostname()).wire());
                assertThat(client.closedByServer()).isTrue();
            }
        }

        @Test
        void aPatientClientIsGreetedAfterTheDelay() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.9", mailroom.port())) {
                // The server's wait starts at accept, a moment before the client's clock here.
                assertThat(timed(() -> assertThat(client.reply()).startsWith("220 ")))
                        .isGreaterThanOrEqualTo(GREET_DELAY.minusMillis(100));
                assertThat(client.command("EHLO patient.test")).startsWith("250-");
            }
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    private static Duration timed(Action action) throws IOException {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
