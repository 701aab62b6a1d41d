package dev.mailroom.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.delivery.DeliveryRules;
import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.delivery.RetrySchedule;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.ReplyClassifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner retries on the schedule (in seconds here), a new runner on the same queue picks up where one stopped, and
 * messages due together for one destination share a connection.
 */
class QueueRunnerTest {
    @TempDir
    Path directory;

    @Test
    void greylistedThenDeliveredAcrossARestart() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx server = new ScriptedMx("127.0.0.2", 0, new ScriptedMx.Script() {
                 @Override
                 public String reply(int connection, String command) {
                     if (command.startsWith("RCPT") && connection == 1) {
                         return "451 4.7.1 greylisted";
                     }
                     return ScriptedMx.Script.super.reply(connection, command);
                 }
             })) {
            dns.mx("grey.test", 10, "mx.grey.test").a("mx.grey.test", "127.0.0.2");
            RelaySettings settings = settings(server.port())
                    .withSchedule(new RetrySchedule(RetrySchedule.parseIntervals("1s"), Duration.ofSeconds(30)));
            MailQueue queue = MailQueue.open(directory, Clock.systemUTC(), true);
            QueueEntry entry = queued(queue, "bob@grey.test");
            List<String> finished = new CopyOnWriteArrayList<>();

            QueueRunner first = runner(queue, dns, settings, done -> finished.add(done.id())).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connections() == 1
                    && queue.read(entry.id()).map(e -> e.recipients().getFirst().failures() == 1).orElse(false));
            first.stop(Duration.ofSeconds(5));

            MailQueue reopened = MailQueue.open(directory, Clock.systemUTC(), true);
            try (QueueRunner second = runner(reopened, dns, settings, done -> finished.add(done.id())).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> reopened.read(entry.id()).isEmpty());
            }
            assertThat(server.accepted()).hasSize(1);
            assertThat(server.connections()).isEqualTo(2);
            assertThat(finished).containsExactly(entry.id());
        }
    }

    @Test
    void fiveMessagesDueTogetherGoOverOneConnectionAndARefusedRecipientSpoilsNoOther() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx server = new ScriptedMx("127.0.0.2", 0, ScriptedMx.Script
                     .answering(command -> command.contains("<nobody@"), "550 5.1.1 no such user")
                     .and(command -> command.contains("<later@"), "452 4.2.2 mailbox full"))) {
            dns.mx("same.test", 10, "mx.same.test").a("mx.same.test", "127.0.0.2");
            MailQueue queue = MailQueue.open(directory, Clock.systemUTC(), true);
            List<QueueEntry> entries = List.of(queued(queue, "r1@same.test"), queued(queue, "r2@same.test", "nobody@same.test"),
                    queued(queue, "r3@same.test"), queued(queue, "later@same.test", "r4@same.test"), queued(queue, "r5@same.test"));
            RelaySettings settings = settings(server.port()).withSchedule(new RetrySchedule(List.of(Duration.ofSeconds(30)), Duration.ofMinutes(1)));

            try (QueueRunner runner = runner(queue, dns, settings, done -> { }).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> server.accepted().size() == 5
                        && server.commands().contains("QUIT"));
            }

            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.accepted()).flatExtracting(ScriptedMx.Accepted::recipients).containsExactly("<r1@same.test>",
                    "<r2@same.test>", "<r3@same.test>", "<r4@same.test>", "<r5@same.test>");
            assertThat(queue.read(entries.get(1).id())).isEmpty();   // r2 delivered, nobody bounced: done
            assertThat(queue.read(entries.get(3).id())).hasValueSatisfying(entry -> assertThat(entry.recipients())
                    .extracting(RecipientState::status).containsExactly(RecipientStatus.DEFERRED, RecipientStatus.DELIVERED));
            assertThat(queue.entries()).hasSize(1);
        }
    }

    @Test
    void aBacklogBiggerThanTheConnectionLimitIsSplitAcrossConnections() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx server = new ScriptedMx("127.0.0.2", 0, new ScriptedMx.Script() { })) {
            dns.mx("same.test", 10, "mx.same.test").a("mx.same.test", "127.0.0.2");
            MailQueue queue = MailQueue.open(directory, Clock.systemUTC(), true);
            for (int i = 1; i <= 5; i++) {
                queued(queue, "r" + i + "@same.test");
            }

            try (QueueRunner runner = runner(queue, dns, settings(server.port()).withMessagesPerConnection(2), done -> { }).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> queue.entries().isEmpty());
            }

            assertThat(server.accepted()).hasSize(5);
            assertThat(server.connections()).isEqualTo(3);
        }
    }

    private static RelaySettings settings(int port) {
        return RelaySettings.defaults("relay.test").withPort(port)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)).withScanInterval(Duration.ofMillis(100));
    }

    private static QueueRunner runner(MailQueue queue, LoopbackDns dns, RelaySettings settings, QueueRunner.Finisher finisher)
            throws java.io.IOException {
        DeliveryRules rules = new DeliveryRules(new ReplyClassifier(ReplyCatalog.standard()));
        return new QueueRunner(queue, new DeliveryAgent(queue, dns.resolver(), settings, rules), finisher, settings);
    }

    private static QueueEntry queued(MailQueue queue, String... recipients) throws java.io.IOException {
        try (MailQueue.QueueWriter writer = queue.begin(Optional.of("alice@local.test"), List.of(recipients))) {
            writer.body().write("Subject: x\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));
            return writer.commit();
        }
    }
}
