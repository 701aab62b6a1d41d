package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.testkit.MailroomExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code stop()} drains: new connections and idle sessions get 421 4.3.2 at once, a message in progress may
 * finish within the grace period, and whatever is still running after it is cut off without a trace.
 */
class GracefulStopTest {

    private static String shuttingDown(MailroomExtension mailroom) {
        return Replies.SHUTTING_DOWN_421.with(mailroom.server().config().hostname()).wire();
    }

    private static CompletableFuture<Void> stopInBackground(MailroomExtension mailroom) {
        return CompletableFuture.runAsync(mailroom.server()::stop);
    }

    @Nested
    class WithinTheGracePeriod {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test")
                .shutdownGrace(Duration.ofSeconds(30)));

        @Test
        void anIdleSessionGets421AtOnceAndStopDoesNotWaitForTheGracePeriod() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
                CompletableFuture<Void> stopping = stopInBackground(mailroom);

                assertThat(client.reply()).isEqualTo(shuttingDown(mailroom));
                assertThat(client.closedByServer()).isTrue();
                stopping.get(15, TimeUnit.SECONDS);   // well inside the 30 s grace: nothing was left to wait for
            }
        }

        @Test
        void aMessageInProgressIsFinishedAndStoredWhileNewConnectionsAreRefused() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
                client.startData("alice@sender.test", "bob@example.test").send("Subject: the last one\r\n\r\nstarted before");
                CompletableFuture<Void> stopping = stopInBackground(mailroom);

                await().atMost(Duration.ofSeconds(20)).until(() -> refusedWhileDraining(mailroom));
                client.send(" the stop\r\n.\r\n");

                String queued = client.reply();
                ReceivedMessage message = mailroom.awaitMessages(1).getFirst();
                assertThat(queued).isEqualTo(Replies.QUEUED_250.with(message.id()).wire());
                assertThat(message.content()).isEqualTo("Subject: the last one\r\n\r\nstarted before the stop\r\n");
                assertThat(MaildirFiles.all(mailroom.server())).containsExactlyElementsOf(message.files());
                // The next command boundary comes right after the 250: 421 there, then close (RFC 5321 §3.8).
                assertThat(client.reply()).isEqualTo(shuttingDown(mailroom));
                assertThat(client.closedByServer()).isTrue();
                stopping.get(15, TimeUnit.SECONDS);
            }
        }

        /** Connects anew: true once the server answers 421 4.3.2 and closes, false while it still greets. */
        private static boolean refusedWhileDraining(MailroomExtension mailroom) throws Exception {
            try (RawSmtpClient probe = RawSmtpClient.connect(mailroom.port())) {
                String greeting = probe.reply();
                if (greeting.startsWith("220 ")) {
                    return false;
                }
                assertThat(greeting).isEqualTo(shuttingDown(mailroom));
                assertThat(probe.closedByServer()).isTrue();
                return true;
            }
        }
    }

    @Nested
    class AfterTheGracePeriod {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test")
                .shutdownGrace(Duration.ofSeconds(1)));

        @Test
        void aMessageThatNeverEndsIsCutOffAndNothingOfItIsKept() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
                client.startData("alice@sender.test", "bob@example.test").send("Subject: endless\r\n\r\nand on and on");

                mailroom.server().stop();   // returns once the grace period is over and the session is cut

                assertThat(client.closedByServer()).isTrue();
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(MaildirFiles.all(mailroom.server())).isEmpty());
                assertThat(mailroom.messages()).isEmpty();
            }
        }
    }
}
