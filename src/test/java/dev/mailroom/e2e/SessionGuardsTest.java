package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.testkit.MailroomExtension;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What ends a session early (idle timeout, too many errors) and that one bad client cannot stall another. */
class SessionGuardsTest {

    @Nested
    class Timeouts {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test")
                .idleTimeout(Duration.ofSeconds(1)).dataTimeout(Duration.ofSeconds(1)));

        @Test
        void aSilentClientGets421AndIsClosed() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
                // RFC 5321 §4.5.3.2.7: the server may give up on a client that stays silent too long.
                assertThat(client.reply()).isEqualTo(
                        Replies.IDLE_TIMEOUT_421.with(mailroom.server().config().hostname()).wire());
                assertThat(client.closedByServer()).isTrue();
            }
        }

        @Test
        void aClientStalledInTheMiddleOfDataGets421AndNothingOfItIsKept() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
                client.startData("alice@sender.test", "bob@example.test").send("Subject: stalled\r\n\r\nhalf a mess");

                // RFC 5321 §4.5.3.2.6: the data block timeout.
                assertThat(client.reply()).isEqualTo(
                        Replies.IDLE_TIMEOUT_421.with(mailroom.server().config().hostname()).wire());
                assertThat(client.closedByServer()).isTrue();
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(MaildirFiles.all(mailroom.server())).isEmpty());
                assertThat(mailroom.messages()).isEmpty();
            }
        }
    }

    @Nested
    class TooManyErrors {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.maxErrors(3));

        @Test
        void theCommandAfterTheLastAllowedErrorGets421AndTheSessionIsClosed() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
                assertThat(client.command("XYZZY")).isEqualTo(Replies.COMMAND_UNRECOGNIZED_500.wire());
                assertThat(client.command("NOOP")).isEqualTo(Replies.OK_250.wire());
                assertThat(client.command("RCPT TO:<bob@localhost>")).isEqualTo(Replies.NEED_MAIL_503.wire());
                assertThat(client.command("XYZZY")).isEqualTo(Replies.COMMAND_UNRECOGNIZED_500.wire());

                assertThat(client.command("NOOP")).isEqualTo(
                        Replies.TOO_MANY_ERRORS_421.with(mailroom.server().config().hostname()).wire());
                assertThat(client.closedByServer()).isTrue();
            }
        }
    }

    @Nested
    class MisbehavingNeighbours {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test").maxErrors(3));

        @Test
        void aWellBehavedClientIsServedWhileOthersAreSlowSilentOrSendGarbage() throws Exception {
            String hostname = mailroom.server().config().hostname();
            try (RawSmtpClient slow = RawSmtpClient.connect(mailroom.port());
                 RawSmtpClient silent = RawSmtpClient.connect(mailroom.port());
                 RawSmtpClient garbage = RawSmtpClient.connect(mailroom.port())) {
                assertThat(slow.reply()).startsWith("220 ");
                assertThat(silent.reply()).startsWith("220 ");
                assertThat(garbage.reply()).startsWith("220 ");
                slow.send("EH");   // half a command, the rest much later
                garbage.send("XYZZY\r\n".repeat(4));

                AngusClient client = AngusClient.forPort(mailroom.port());
                String finalReply = client.send(client.message("alice@sender.test", "Still served", "Hello\r\n",
                        "bob@example.test"));

                ReceivedMessage message = mailroom.awaitMessages(1).getFirst();
                assertThat(finalReply).isEqualTo(Replies.QUEUED_250.with(message.id()).toString());
                for (int i = 0; i < 3; i++) {
                    assertThat(garbage.reply()).isEqualTo(Replies.COMMAND_UNRECOGNIZED_500.wire());
                }
                assertThat(garbage.reply()).isEqualTo(Replies.TOO_MANY_ERRORS_421.with(hostname).wire());
                assertThat(garbage.closedByServer()).isTrue();
                assertThat(slow.send("LO slow.test\r\n").reply()).startsWith("250-" + hostname + " greets slow.test\r\n");
                assertThat(silent.command("NOOP")).isEqualTo(Replies.OK_250.wire());
            }
        }
    }
}
