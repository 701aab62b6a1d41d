package dev.mailroom.policy;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Token buckets for many clients in a fixed amount of memory, whatever the number of clients that appear.
 *
 * <p>How it works. The table is four parallel arrays with a fixed number of slots (a power of two). A key may
 * sit in any of {@value #PROBES} consecutive slots from its hash. When a new key finds them all taken, it
 * replaces the bucket that has refilled the most: a full bucket says nothing a fresh one would not, so a flood
 * of one-off addresses (a botnet, or a spoofed scan) pushes out idle clients first, and a client that has used
 * up its budget is forgotten only when every neighbour is busier. Memory is {@link #footprintBytes()}, from the
 * first key to the millionth.
 *
 * <p>Thread-safe: one lock, held for a few array reads and writes.
 */
public final class RateTable {
    private static final int PROBES = 8;
    private static final long EMPTY = Long.MIN_VALUE;

    private final long[] high;
    private final long[] low;
    private final long[] stamps;
    private final float[] tokens;
    private final int mask;
    private final float capacity;
    private final double tokensPerNano;
    private final LongSupplier nanos;

    /**
     * @param rate  what each client may do
     * @param slots clients remembered at once, rounded up to a power of two
     * @param nanos the clock, {@code System::nanoTime} outside tests
     */
    public RateTable(Rate rate, int slots, LongSupplier nanos) {
        int wanted = Math.max(PROBES, slots);
        int size = Integer.bitCount(wanted) == 1 ? wanted : Integer.highestOneBit(wanted) << 1;
        this.high = new long[size];
        this.low = new long[size];
        this.stamps = new long[size];
        this.tokens = new float[size];
        Arrays.fill(stamps, EMPTY);
        this.mask = size - 1;
        this.capacity = rate.count();
        this.tokensPerNano = rate.count() / (double) rate.period().toNanos();
        this.nanos = nanos;
    }

    /** Takes one token from the client's bucket: true if there was one (the event is allowed). */
    public synchronized boolean tryTake(ClientKey key) {
        int slot = refilled(key);
        if (tokens[slot] >= 1) {
            tokens[slot] -= 1;
            return true;
        }
        return false;
    }

    /** True if the client's bucket is empty, without taking anything. */
    public synchronized boolean exhausted(ClientKey key) {
        return tokens[refilled(key)] < 1;
    }

    /** Slots in the table: the most clients remembered at once. */
    public int slots() {
        return mask + 1;
    }

    /** Octets held by the table's arrays; the same for one key or a million. */
    public long footprintBytes() {
        return (long) slots() * (Long.BYTES * 3 + Float.BYTES);
    }

    /** The key's slot with its bucket brought up to now; a key not in the table gets a full bucket. */
    private int refilled(ClientKey key) {
        long now = nanos.getAsLong();
        int slot = find(key, now);
        if (stamps[slot] == EMPTY || high[slot] != key.high() || low[slot] != key.low()) {
            high[slot] = key.high();
            low[slot] = key.low();
            tokens[slot] = capacity;
        } else {
            tokens[slot] = level(slot, now);
        }
        stamps[slot] = now;
        return slot;
    }

    /** The key's slot, else an empty one, else the fullest bucket of the key's neighbourhood. */
    private int find(ClientKey key, long now) {
        int start = key.hash() & mask;
        int victim = -1;
        float fullest = -1;
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & mask;
            if (stamps[slot] == EMPTY) {
                return slot;
            }
            if (high[slot] == key.high() && low[slot] == key.low()) {
                return slot;
            }
            float level = level(slot, now);
            if (level > fullest) {
                fullest = level;
                victim = slot;
            }
        }
        return victim;
    }

    private float level(int slot, long now) {
        double refill = Math.max(0, now - stamps[slot]) * tokensPerNano;
        return (float) Math.min(capacity, tokens[slot] + refill);
    }
}
