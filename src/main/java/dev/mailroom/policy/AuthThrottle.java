package dev.mailroom.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed AUTH attempts per client address: after a few free ones each further failure is answered more
 * slowly, and past a limit the client is refused (421 4.7.0) until its failures are {@code window} old. This
 * makes password guessing from one address slow without locking out the account (a lock per user would let
 * anyone lock anyone out). A success clears the address's count.
 *
 * <p>Memory: one small entry per recently failing address; expired entries are purged as the map grows,
 * and past {@value #MAX_ENTRIES} live entries the table is cleared (failing open rather than exhausting the heap).
 */
public final class AuthThrottle {
    static final int MAX_ENTRIES = 100_000;

    /**
     * @param freeFailures failures answered at once
     * @param firstDelay   the wait before answering the first failure past the free ones; it doubles after each
     * @param maxDelay     the longest wait
     * @param maxFailures  failures after which the client is refused
     * @param window       how long failures are remembered after the last one
     */
    public record Limits(int freeFailures, Duration firstDelay, Duration maxDelay, int maxFailures, Duration window) {
        /** 3 free, then 1 s, 2 s, 4 s, 8 s ...; refused after 10 until 15 minutes pass. */
        public static final Limits DEFAULT = new Limits(3, Duration.ofSeconds(1), Duration.ofSeconds(8), 10, Duration.ofMinutes(15));

        public Limits {
            if (freeFailures < 0 || maxFailures <= freeFailures || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0
                    || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("inconsistent authentication limits");
            }
        }
    }

    private record Failures(int count, long lastNanos) {
    }

    private final Limits limits;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    public AuthThrottle(Limits limits) {
        this(limits, System::nanoTime);
    }

    /** With a clock of one's own, for tests. */
    public AuthThrottle(Limits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    /** True when this client has failed too often lately: refuse it without checking anything. */
    public boolean refused(String client) {
        Failures recent = current(client);
        return recent != null && recent.count() >= limits.maxFailures();
    }

    /**
     * Counts a failure of this client.
     *
     * @return how long to wait before answering it, or empty when the client is refused from now on
     */
    public Optional<Duration> failed(String client) {
        long now = nanoTime.getAsLong();
        if (failures.size() >= MAX_ENTRIES / 10) {
            purge(now);
        }
        Failures updated = failures.compute(client, (key, old) ->
                new Failures(old == null || expired(old, now) ? 1 : old.count() + 1, now));
        int count = updated.count();
        if (count >= limits.maxFailures()) {
            return Optional.empty();
        }
        if (count <= limits.freeFailures()) {
            return Optional.of(Duration.ZERO);
        }
        int doublings = Math.min(count - limits.freeFailures() - 1, 20);
        Duration delay = limits.firstDelay().multipliedBy(1L << doublings);
        return Optional.of(delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay);
    }

    /** A success: the client's count starts again. */
    public void succeeded(String client) {
        failures.remove(client);
    }

    private Failures current(String client) {
        Failures recent = failures.get(client);
        if (recent != null && expired(recent, nanoTime.getAsLong())) {
            failures.remove(client, recent);
            return null;
        }
        return recent;
    }

    private boolean expired(Failures recent, long now) {
        return now - recent.lastNanos() >= limits.window().toNanos();
    }

    private void purge(long now) {
        failures.values().removeIf(recent -> expired(recent, now));
        if (failures.size() >= MAX_ENTRIES) {
            failures.clear();
        }
    }
}
