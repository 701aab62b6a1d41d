package dev.mailroom.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.protocol.BodyType;
import dev.mailroom.protocol.DsnReturn;
import dev.mailroom.protocol.MailParameters;
import dev.mailroom.protocol.MessageDsn;
import dev.mailroom.protocol.Notify;
import dev.mailroom.protocol.OriginalRecipient;
import dev.mailroom.protocol.RecipientDsn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's durability contract under SIGKILL: every message whose commit returned is queued, complete and
 * byte-identical after a restart with its DSN parameters, and every recipient whose delivery was recorded stays
 * delivered.
 */
class QueueCrashTest {
    @TempDir
    Path directory;

    static byte[] body(int n) {
        return ("Subject: message " + n + "\r\n\r\n" + ("line of message " + n + "\r\n").repeat(1 + n % 50))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Message n's ENVID names it, RET alternates, and so do its body type and SMTPUTF8. */
    static MailParameters mailParameters(int n) {
        return new MailParameters(OptionalLong.empty(), BodyType.values()[n % BodyType.values().length], n % 2 == 1,
                new MessageDsn(Optional.of(n % 2 == 0 ? DsnReturn.FULL : DsnReturn.HEADERS), Optional.of("envelope " + n)));
    }

    /** Its first recipient's NOTIFY and ORCPT. */
    static RecipientDsn recipientDsn(int n) {
        return new RecipientDsn(Optional.of(n % 3 == 0 ? Notify.NEVER : Notify.of(Notify.Condition.SUCCESS)),
                Optional.of(new OriginalRecipient("rfc822", "first+" + n + "@r.test")));
    }

    @Test
    void everythingAcknowledgedSurvivesSigkill() throws Exception {
        long seed = Long.getLong("mailroom.crash.seed", new Random().nextLong());
        Random random = new Random(seed);
        for (int round = 1; round <= 2; round++) {
            int killAfter = 20 + random.nextInt(200);
            Map<String, Integer> queued = new HashMap<>();
            Set<String> delivered = new HashSet<>();
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                    System.getProperty("java.class.path"), QueueCrashChild.class.getName(), directory.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] words = line.split(" ");
                    if (words[0].equals("queued")) {
                        queued.put(words[1], Integer.parseInt(words[2]));
                    } else {
                        delivered.add(words[1]);
                    }
                    if (queued.size() == killAfter) {
                        child.destroyForcibly();   // SIGKILL, mid-stream
                        break;
                    }
                }
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            System.out.printf("queue crash test round %d: seed %d, killed after %d acknowledged, %d recorded delivered%n",
                    round, seed, queued.size(), delivered.size());
            assertThat(queued).as("seed %d", seed).hasSize(killAfter);

            MailQueue queue = MailQueue.open(directory, Clock.systemUTC(), true);
            Map<String, QueueEntry> entries = new HashMap<>();
            queue.entries().forEach(entry -> entries.put(entry.id(), entry));
            for (Map.Entry<String, Integer> acknowledged : queued.entrySet()) {
                String id = acknowledged.getKey();
                assertThat(entries).as("seed %d: %s", seed, id).containsKey(id);
                assertThat(Files.readAllBytes(queue.messageFile(id))).as("seed %d: %s", seed, id).isEqualTo(body(acknowledged.getValue()));
                QueueEntry entry = entries.get(id);
                MailParameters parameters = mailParameters(acknowledged.getValue());
                assertThat(entry.dsn()).as("seed %d: %s", seed, id).isEqualTo(parameters.dsn());
                assertThat(entry.body()).as("seed %d: %s", seed, id).isEqualTo(parameters.body());
                assertThat(entry.smtpUtf8()).as("seed %d: %s", seed, id).isEqualTo(parameters.smtpUtf8());
                assertThat(entry.recipients()).extracting(RecipientState::dsn).as("seed %d: %s", seed, id)
                        .containsExactly(recipientDsn(acknowledged.getValue()), RecipientDsn.NONE);
                if (delivered.contains(id)) {
                    assertThat(entries.get(id).recipients().getFirst().status()).isEqualTo(RecipientStatus.DELIVERED);
                }
            }
            // No message without its entry, nothing half-written left.
            try (var files = Files.list(directory.resolve("messages"))) {
                List<String> names = files.map(file -> file.getFileName().toString()).toList();
                assertThat(names).allMatch(entries::containsKey);
            }
            try (var files = Files.list(directory.resolve("tmp"))) {
                assertThat(files).isEmpty();
            }
        }
    }
}
