package dev.mailroom.ops;

import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.relay.RelayObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The relay's metrics, as Prometheus names them:
 * <ul>
 *   <li>{@code mailroom_queue_messages}, {@code mailroom_queue_recipients{state}} ({@code pending}, {@code deferred})
 *       and {@code mailroom_queue_oldest_message_age_seconds}: the queue as of the runner's last scan (every scan
 *       interval); the age keeps growing between scans.</li>
 *   <li>{@code mailroom_delivery_attempts_total{outcome,reply}}: one per recipient and attempt, by how it ended
 *       ({@code delivered}, {@code deferred}, {@code bounced}) and the class of the reply that decided it ({@code 2xx},
 *       {@code 4xx}, {@code 5xx}): the remote host's, or Mailroom's own when none answered ({@code 4xx} for a refused
 *       connection).</li>
 *   <li>{@code mailroom_relay_recipients_total{state}} ({@code delivered}, {@code bounced}): recipients the relay is
 *       done with.</li>
 * </ul>
 */
public final class RelayMetrics implements RelayObserver {
    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicReference<QueueSnapshot> queue = new AtomicReference<>(QueueSnapshot.EMPTY);

    public RelayMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("mailroom.queue.messages", queue, last -> last.get().messages())
                .description("Messages in the relay queue").register(registry);
        Gauge.builder("mailroom.queue.recipients", queue, last -> last.get().pending()).tag("state", "pending")
                .description("Recipients in the relay queue, by state").register(registry);
        Gauge.builder("mailroom.queue.recipients", queue, last -> last.get().deferred()).tag("state", "deferred")
                .description("Recipients in the relay queue, by state").register(registry);
        TimeGauge.builder("mailroom.queue.oldest.message.age", queue, TimeUnit.SECONDS, this::oldestAge)
                .description("How long the oldest queued message has waited").register(registry);
    }

    private double oldestAge(AtomicReference<QueueSnapshot> last) {
        return last.get().oldest().map(arrived -> Duration.between(arrived, clock.instant()).toMillis() / 1000.0).orElse(0.0);
    }

    @Override
    public void scanned(QueueSnapshot snapshot) {
        queue.set(snapshot);
    }

    @Override
    public void attempted(RecipientStatus outcome, String reply) {
        registry.counter("mailroom.delivery.attempts", "outcome", outcome.key(), "reply", replyClass(reply)).increment();
        if (outcome.isFinal()) {
            registry.counter("mailroom.relay.recipients", "state", outcome.key()).increment();
        }
    }

    /** {@code 2xx}, {@code 4xx} or {@code 5xx}, from the reply's first digit. */
    private static String replyClass(String reply) {
        return !reply.isEmpty() && Character.isDigit(reply.charAt(0)) ? reply.charAt(0) + "xx" : "unknown";
    }
}
