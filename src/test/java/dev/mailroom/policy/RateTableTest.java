package dev.mailroom.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets per client with a controllable clock: burst, refusal, refill, and memory that does not grow. */
class RateTableTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private static final ClientKey ALICE = new ClientKey(0, 1);
    private static final ClientKey BOB = new ClientKey(0, 2);

    @Test
    void aClientGetsItsBurstThenIsRefusedUntilTheBucketRefills() {
        RateTable table = new RateTable(Rate.perMinute(3), 16, now::get);
        assertThat(table.tryTake(ALICE)).isTrue();
        assertThat(table.tryTake(ALICE)).isTrue();
        assertThat(table.tryTake(ALICE)).isTrue();
        assertThat(table.tryTake(ALICE)).isFalse();
        assertThat(table.exhausted(ALICE)).isTrue();

        now.addAndGet(Duration.ofSeconds(19).toNanos());   // one token takes 20 s at 3 per minute
        assertThat(table.tryTake(ALICE)).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(table.tryTake(ALICE)).isTrue();
        assertThat(table.tryTake(ALICE)).isFalse();
    }

    @Test
    void clientsHaveBucketsOfTheirOwn() {
        RateTable table = new RateTable(Rate.perMinute(1), 16, now::get);
        assertThat(table.tryTake(ALICE)).isTrue();
        assertThat(table.tryTake(ALICE)).isFalse();
        assertThat(table.tryTake(BOB)).isTrue();
    }

    @Test
    void aBucketNeverHoldsMoreThanItsRate() {
        RateTable table = new RateTable(Rate.perMinute(2), 16, now::get);
        table.tryTake(ALICE);
        now.addAndGet(Duration.ofHours(5).toNanos());
        assertThat(table.tryTake(ALICE)).isTrue();
        assertThat(table.tryTake(ALICE)).isTrue();
        assertThat(table.tryTake(ALICE)).isFalse();
    }

    @Test
    void aMillionOneOffClientsNeitherGrowTheTableNorWipeOutAnAbusersEmptyBucket() {
        RateTable table = new RateTable(Rate.perMinute(5), 4096, now::get);
        long footprint = table.footprintBytes();
        for (int i = 0; i < 5; i++) {
            table.tryTake(ALICE);
        }
        assertThat(table.tryTake(ALICE)).isFalse();
        for (long i = 0; i < 1_000_000; i++) {
            table.tryTake(new ClientKey(1, i));   // a flood of addresses, each seen once
        }
        // The one-off clients still hold 4 tokens each; ALICE's empty bucket is the last to be replaced.
        assertThat(table.tryTake(ALICE)).isFalse();
        assertThat(table.footprintBytes()).isEqualTo(footprint).isEqualTo(4096L * 28);
        assertThat(table.slots()).isEqualTo(4096);
    }

    @Test
    void theTableSizeIsRoundedUpToAPowerOfTwo() {
        assertThat(new RateTable(Rate.perMinute(1), 1000, now::get).slots()).isEqualTo(1024);
        assertThat(new RateTable(Rate.perMinute(1), 1, now::get).slots()).isEqualTo(8);
        assertThat(new RateTable(Rate.perMinute(1), 65_536, now::get).slots()).isEqualTo(65_536);
    }
}
