package dev.mailroom.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.delivery.DeliveryRules;
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

/** The runner retries on the schedule (in seconds here), and a new runner on the same queue picks up where one stopped. */
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
            RelaySettings settings = RelaySettings.defaults("relay.test").withPort(server.port())
                    .withSchedule(new RetrySchedule(RetrySchedule.parseIntervals("1s"), Duration.ofSeconds(30)))
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)).withScanInterval(Duration.ofMillis(100));
            MailQueue queue = MailQueue.open(directory, Clock.systemUTC(), true);
            QueueEntry entry;
            try (MailQueue.QueueWriter writer = queue.begin(Optional.of("alice@local.test"), List.of("bob@grey.test"))) {
                writer.body().write("Subject: x\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII));
                entry = writer.commit();
            }
            List<String> finished = new CopyOnWriteArrayList<>();
            DeliveryRules rules = new DeliveryRules(new ReplyClassifier(ReplyCatalog.standard()));

            QueueRunner first = new QueueRunner(queue, new DeliveryAgent(queue, dns.resolver(), settings, rules),
                    done -> finished.add(done.id()), settings).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connections() == 1
                    && queue.read(entry.id()).map(e -> e.recipients().getFirst().failures() == 1).orElse(false));
            first.stop(Duration.ofSeconds(5));

            MailQueue reopened = MailQueue.open(directory, Clock.systemUTC(), true);
            try (QueueRunner second = new QueueRunner(reopened, new DeliveryAgent(reopened, dns.resolver(), settings, rules),
                    done -> finished.add(done.id()), settings).start()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> reopened.read(entry.id()).isEmpty());
            }
            assertThat(server.accepted()).hasSize(1);
            assertThat(server.connections()).isEqualTo(2);
            assertThat(finished).containsExactly(entry.id());
        }
    }
}
