package dev.mailroom.policy;

import java.util.Map;

/** Where the {@link Greylist} keeps its triplets across restarts (implemented in storage). */
public interface GreylistStore {

    /**
     * What greylisting counts one delivery attempt as.
     *
     * @param network   the client's network ({@code 192.0.2.0/24}, {@code 2001:db8::/64}): senders' outbound
     *                  pools retry from a neighbouring address, and RFC 6647 §4.2 allows for it
     * @param sender    the reverse path in lower case, empty for the null sender
     * @param recipient the forward path in lower case
     */
    record Triplet(String network, String sender, String recipient) {
    }

    /** One triplet's history, in epoch milliseconds. */
    record Entry(long firstSeen, long lastSeen, boolean passed) {
    }

    /** Everything recorded by earlier runs, the latest entry of each triplet. */
    Map<Triplet, Entry> load();

    /** Records a new or changed entry; failures are the store's to report, greylisting goes on in memory. */
    void record(Triplet triplet, Entry entry);

    /** Replaces everything recorded with {@code live} (after expired entries were dropped). */
    void compact(Map<Triplet, Entry> live);

    /** Keeps nothing: greylisting in memory only. */
    GreylistStore NONE = new GreylistStore() {
        @Override
        public Map<Triplet, Entry> load() {
            return Map.of();
        }

        @Override
        public void record(Triplet triplet, Entry entry) {
        }

        @Override
        public void compact(Map<Triplet, Entry> live) {
        }
    };
}
