package dev.mailroom.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.policy.Greylist.Verdict;
import dev.mailroom.policy.GreylistStore.Entry;
import dev.mailroom.policy.GreylistStore.Triplet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 6647 greylisting as a pure decision with a hand-moved clock. */
class GreylistTest {
    private static final Greylist.Settings SETTINGS =
            new Greylist.Settings(Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofDays(35), 1000);
    private static final Triplet TRIPLET = new Triplet("192.0.2.0/24", "alice@sender.test", "bob@example.test");

    private final MutableClock clock = new MutableClock();
    private final MemoryStore store = new MemoryStore();

    @Test
    void aNewTripletWaitsTheDelayThenPassesForGood() {
        Greylist greylist = new Greylist(SETTINGS, store, clock);
        assertThat(greylist.check(TRIPLET)).isEqualTo(new Verdict.Wait(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(greylist.check(TRIPLET)).as("an early retry does not restart the clock")
                .isEqualTo(new Verdict.Wait(Duration.ofMinutes(3)));
        clock.advance(Duration.ofMinutes(3));
        assertThat(greylist.check(TRIPLET)).isInstanceOf(Verdict.Pass.class);
        clock.advance(Duration.ofDays(30));
        assertThat(greylist.check(TRIPLET)).isInstanceOf(Verdict.Pass.class);
        clock.advance(Duration.ofDays(30));
        assertThat(greylist.check(TRIPLET)).as("kept alive by its use").isInstanceOf(Verdict.Pass.class);
    }

    @Test
    void otherSendersRecipientsAndNetworksAreTripletsOfTheirOwn() {
        Greylist greylist = new Greylist(SETTINGS, store, clock);
        greylist.check(TRIPLET);
        clock.advance(Duration.ofMinutes(6));
        assertThat(greylist.check(TRIPLET)).isInstanceOf(Verdict.Pass.class);
        assertThat(greylist.check(new Triplet("192.0.2.0/24", "alice@sender.test", "carol@example.test")))
                .isInstanceOf(Verdict.Wait.class);
        assertThat(greylist.check(new Triplet("192.0.2.0/24", "", "bob@example.test"))).isInstanceOf(Verdict.Wait.class);
        assertThat(greylist.check(new Triplet("198.51.100.0/24", "alice@sender.test", "bob@example.test")))
                .isInstanceOf(Verdict.Wait.class);
    }

    @Test
    void aTripletNotRetriedBeforeItsExpiryStartsOver() {
        Greylist greylist = new Greylist(SETTINGS, store, clock);
        greylist.check(TRIPLET);
        clock.advance(Duration.ofHours(5));
        assertThat(greylist.check(TRIPLET)).isEqualTo(new Verdict.Wait(Duration.ofMinutes(5)));
    }

    @Test
    void aPassedTripletUnusedForItsLifetimeIsForgotten() {
        Greylist greylist = new Greylist(SETTINGS, store, clock);
        greylist.check(TRIPLET);
        clock.advance(Duration.ofMinutes(5));
        greylist.check(TRIPLET);
        clock.advance(Duration.ofDays(36));
        assertThat(greylist.check(TRIPLET)).isInstanceOf(Verdict.Wait.class);
    }

    @Test
    void theStateSurvivesARestartThroughTheStore() {
        Greylist first = new Greylist(SETTINGS, store, clock);
        first.check(TRIPLET);
        clock.advance(Duration.ofMinutes(10));
        Greylist restarted = new Greylist(SETTINGS, store, clock);
        assertThat(restarted.check(TRIPLET)).as("the first attempt was remembered").isInstanceOf(Verdict.Pass.class);
        Greylist again = new Greylist(SETTINGS, store, clock);
        assertThat(again.entry(TRIPLET)).map(Entry::passed).contains(true);
    }

    @Test
    void memoryIsBoundedAndPassedTripletsAreKeptBeforePendingOnes() {
        Greylist.Settings small = new Greylist.Settings(Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofDays(35), 100);
        Greylist greylist = new Greylist(small, store, clock);
        greylist.check(TRIPLET);
        clock.advance(Duration.ofMinutes(5));
        greylist.check(TRIPLET);
        for (int i = 0; i < 10_000; i++) {
            greylist.check(new Triplet("203.0.113.0/24", "spam" + i + "@spam.test", "bob@example.test"));
            assertThat(greylist.size()).isLessThanOrEqualTo(100);
        }
        assertThat(greylist.check(TRIPLET)).isInstanceOf(Verdict.Pass.class);
        assertThat(store.entries).hasSizeLessThanOrEqualTo(100);
    }

    /** Keeps entries as the file would: the latest per triplet, replaced whole on compaction. */
    static final class MemoryStore implements GreylistStore {
        final Map<Triplet, Entry> entries = new HashMap<>();

        @Override
        public Map<Triplet, Entry> load() {
            return Map.copyOf(entries);
        }

        @Override
        public void record(Triplet triplet, Entry entry) {
            entries.put(triplet, entry);
        }

        @Override
        public void compact(Map<Triplet, Entry> live) {
            entries.clear();
            entries.putAll(live);
        }
    }
}
