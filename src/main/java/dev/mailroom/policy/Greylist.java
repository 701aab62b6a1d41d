package dev.mailroom.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Greylisting (RFC 6647): the first delivery attempt of an unknown (client network, sender, recipient) triplet
 * is refused with a transient error; a real MTA retries after a while, most spam engines never do.
 *
 * <p>How it works. A new triplet is recorded and refused. A retry earlier than {@code delay} after the first
 * attempt is refused again (the clock of the first attempt keeps running); a retry after {@code delay} and
 * before {@code expiry} passes the triplet, and from then on it is never greylisted again while it keeps being
 * used at least once every {@code passLifetime}. A triplet not retried within {@code expiry} starts over.
 *
 * <p>Memory is bounded by {@code maxEntries}: when full, expired entries are dropped, then the oldest pending
 * ones (never a passed triplet while a pending one is left). Every change goes to the {@link GreylistStore}, so
 * the state survives a restart. Times are wall-clock epoch milliseconds, since they outlive the process.
 *
 * <p>Thread-safe: one lock.
 */
public final class Greylist {
    /** What the greylist decided for one attempt. */
    public sealed interface Verdict {
        /** The triplet is known and passed (or passes now). */
        record Pass() implements Verdict {
        }

        /** Refused for now; the earliest retry that can pass is {@code retryAfter} from now. */
        record Wait(Duration retryAfter) implements Verdict {
        }
    }

    /** The settings, which a reload may change. */
    public record Settings(Duration delay, Duration expiry, Duration passLifetime, int maxEntries) {
        public static final Settings DEFAULTS =
                new Settings(Duration.ofMinutes(5), Duration.ofDays(1), Duration.ofDays(35), 100_000);

        public Settings {
            if (delay.isNegative() || !expiry.isPositive() || !passLifetime.isPositive() || maxEntries <= 0) {
                throw new IllegalArgumentException("greylist durations and size must be positive");
            }
            if (expiry.compareTo(delay) <= 0) {
                throw new IllegalArgumentException("greylist-expiry must be longer than greylist-delay");
            }
        }
    }

    private static final Verdict PASS = new Verdict.Pass();

    private final Map<GreylistStore.Triplet, GreylistStore.Entry> entries = new HashMap<>();
    private final GreylistStore store;
    private final Clock clock;
    private volatile Settings settings;

    /** Loads what {@code store} kept from earlier runs. */
    public Greylist(Settings settings, GreylistStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        long now = clock.millis();
        store.load().forEach((triplet, entry) -> {
            if (!expired(entry, settings, now)) {
                entries.put(triplet, entry);
            }
        });
        store.compact(Map.copyOf(entries));   // the file starts each run at the size of the live state
    }

    /** Settings for the attempts from now on (a reload); what is recorded stays. */
    public void configure(Settings next) {
        this.settings = next;
    }

    /** Decides one delivery attempt of this triplet, and records it. */
    public synchronized Verdict check(GreylistStore.Triplet triplet) {
        Settings current = settings;
        long now = clock.millis();
        GreylistStore.Entry entry = entries.get(triplet);
        if (entry != null && entry.passed() && now - entry.lastSeen() <= current.passLifetime().toMillis()) {
            if (now - entry.lastSeen() >= Duration.ofDays(1).toMillis()) {
                remember(triplet, new GreylistStore.Entry(entry.firstSeen(), now, true));   // keep it alive, daily
            }
            return PASS;
        }
        if (entry != null && !entry.passed() && now - entry.firstSeen() <= current.expiry().toMillis()) {
            long waited = now - entry.firstSeen();
            if (waited >= current.delay().toMillis()) {
                remember(triplet, new GreylistStore.Entry(entry.firstSeen(), now, true));
                return PASS;
            }
            return new Verdict.Wait(Duration.ofMillis(current.delay().toMillis() - waited));
        }
        makeRoom(current, now);
        remember(triplet, new GreylistStore.Entry(now, now, false));
        return new Verdict.Wait(current.delay());
    }

    /** Triplets recorded, pending or passed. */
    public synchronized int size() {
        return entries.size();
    }

    private void remember(GreylistStore.Triplet triplet, GreylistStore.Entry entry) {
        entries.put(triplet, entry);
        store.record(triplet, entry);
    }

    private void makeRoom(Settings current, long now) {
        if (entries.size() < current.maxEntries()) {
            return;
        }
        entries.entrySet().removeIf(e -> expired(e.getValue(), current, now));
        if (entries.size() < current.maxEntries()) {
            store.compact(Map.copyOf(entries));
            return;
        }
        List<Map.Entry<GreylistStore.Triplet, GreylistStore.Entry>> oldestFirst = new ArrayList<>(entries.entrySet());
        oldestFirst.sort((a, b) -> a.getValue().passed() != b.getValue().passed()
                ? Boolean.compare(a.getValue().passed(), b.getValue().passed())
                : Long.compare(a.getValue().lastSeen(), b.getValue().lastSeen()));
        int excess = entries.size() - current.maxEntries() + 1 + current.maxEntries() / 10;   // a tenth of slack
        oldestFirst.stream().limit(excess).map(Map.Entry::getKey).toList().forEach(entries::remove);
        store.compact(Map.copyOf(entries));
    }

    static boolean expired(GreylistStore.Entry entry, Settings settings, long now) {
        return entry.passed() ? now - entry.lastSeen() > settings.passLifetime().toMillis()
                : now - entry.firstSeen() > settings.expiry().toMillis();
    }

    /** The entry for a triplet, for tests and tools. */
    public synchronized Optional<GreylistStore.Entry> entry(GreylistStore.Triplet triplet) {
        return Optional.ofNullable(entries.get(triplet));
    }
}
