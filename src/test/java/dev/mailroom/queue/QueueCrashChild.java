package dev.mailroom.queue;

import dev.mailroom.delivery.RecipientResult;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.delivery.RetrySchedule;
import dev.mailroom.protocol.RecipientDsn;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Run in a child JVM by {@link QueueCrashTest}: queues messages as fast as it can and marks every other one's first
 * recipient delivered (its MAIL and DSN parameters from {@link QueueCrashTest}), printing a line only after each step has returned (the moment a server would answer 250,
 * or a relay would record a delivery). The parent kills it with SIGKILL at a random moment.
 */
public final class QueueCrashChild {
    private QueueCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        MailQueue queue = MailQueue.open(Path.of(args[0]), Clock.systemUTC(), true);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (int n = 0; ; n++) {
            QueueEntry entry;
            SequencedMap<String, RecipientDsn> recipients = new LinkedHashMap<>();
            recipients.put("a" + n + "@r.test", QueueCrashTest.recipientDsn(n));
            recipients.put("b" + n + "@r.test", RecipientDsn.NONE);
            try (MailQueue.QueueWriter writer = queue.begin(Optional.of("s@local.test"), QueueCrashTest.mailParameters(n), recipients)) {
                writer.body().write(QueueCrashTest.body(n));
                entry = writer.commit();
            }
            out.println("queued " + entry.id() + " " + n);
            if (n % 2 == 0) {
                QueueEntry delivered = entry.withRecipient("a" + n + "@r.test", r -> r.after(
                        new RecipientResult(RecipientStatus.DELIVERED, "250 ok", Optional.of("mx")), entry.queuedAt(),
                        entry.queuedAt(), RetrySchedule.DEFAULT));
                queue.update(delivered);
                out.println("delivered " + entry.id());
            }
        }
    }
}
