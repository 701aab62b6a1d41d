package dev.mailroom.ops;

import dev.mailroom.protocol.Admission;
import dev.mailroom.protocol.Authenticator;
import dev.mailroom.reply.Reply;
import dev.mailroom.transport.SessionObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's metrics, fed by what the transport observes. Prometheus names (with the registry's suffixes):
 * {@code mailroom_connections_total}, {@code mailroom_connections_open}, {@code mailroom_limiter_rejections_total{reason}},
 * {@code mailroom_sessions_total{outcome}}, {@code mailroom_replies_total{code}},
 * {@code mailroom_messages_accepted_total}, {@code mailroom_received_bytes_total},
 * {@code mailroom_transaction_duration_seconds{code}} (a histogram), {@code mailroom_tls_handshakes_total{result}}
 * ({@code ok}, {@code failed}), {@code mailroom_auth_total{result}} ({@code accepted}, {@code rejected},
 * {@code unavailable}, {@code too-many-failures}).
 */
public final class SmtpMetrics implements SessionObserver {
    /** Buckets from a local delivery (milliseconds) to a slow client on a large message (a minute). */
    private static final Duration[] TRANSACTION_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Counter connections;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter messagesAccepted;
    private final Counter receivedBytes;

    public SmtpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.connections = Counter.builder("mailroom.connections").description("Connections accepted by a listener")
                .register(registry);
        registry.gauge("mailroom.connections.open", open);
        this.messagesAccepted = Counter.builder("mailroom.messages.accepted")
                .description("Messages stored and acknowledged with 250").register(registry);
        this.receivedBytes = Counter.builder("mailroom.received").baseUnit("bytes")
                .description("Octets of message bodies accepted").register(registry);
    }

    @Override
    public void connected(Admission admission) {
        connections.increment();
        open.incrementAndGet();
        if (admission != Admission.ACCEPTED && admission != Admission.DRAINING) {
            registry.counter("mailroom.limiter.rejections", "reason", admission.name().toLowerCase(Locale.ROOT)).increment();
        }
    }

    @Override
    public void replied(Reply reply) {
        registry.counter("mailroom.replies", "code", Integer.toString(reply.code())).increment();
    }

    @Override
    public void tlsHandshake(boolean succeeded) {
        registry.counter("mailroom.tls.handshakes", "result", succeeded ? "ok" : "failed").increment();
    }

    @Override
    public void authenticated(Authenticator.Verdict verdict) {
        String result = switch (verdict) {
            case Authenticator.Verdict.Accepted accepted -> "accepted";
            case Authenticator.Verdict.Rejected rejected -> "rejected";
            case Authenticator.Verdict.Unavailable unavailable -> "unavailable";
            case Authenticator.Verdict.TooManyFailures tooMany -> "too-many-failures";
        };
        registry.counter("mailroom.auth", "result", result).increment();
    }

    @Override
    public void transactionEnded(TransactionRecord transaction) {
        if (transaction.messageId().isPresent()) {
            messagesAccepted.increment();
            receivedBytes.increment(transaction.size());
        }
        Timer.builder("mailroom.transaction.duration").description("From MAIL to the reply to the message body")
                .tag("code", Integer.toString(transaction.result().code()))
                .serviceLevelObjectives(TRANSACTION_BUCKETS)
                .register(registry).record(transaction.duration());
    }

    @Override
    public void disconnected(SessionRecord session) {
        open.decrementAndGet();
        registry.counter("mailroom.sessions", "outcome", session.outcome().label()).increment();
    }
}
