package dev.mailroom.policy;

import dev.mailroom.protocol.Admission;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections in total and per client address, and admits or refuses new ones. Memory is
 * bounded by the number of open connections: an address's counter disappears with its last connection.
 */
public final class ConnectionLimiter {
    private volatile int maxConnections;
    private volatile int maxPerClient;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perClient = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxConnections, int maxPerClient) {
        resize(maxConnections, maxPerClient);
    }

    /**
     * New limits for connections admitted from now on (a reload); open ones are kept, still counted, even
     * when there are more of them than the new limits allow.
     */
    public void resize(int maxConnections, int maxPerClient) {
        if (maxConnections <= 0 || maxPerClient <= 0) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
        this.maxConnections = maxConnections;
        this.maxPerClient = maxPerClient;
    }

    /**
     * Admits a connection from {@code client}, counting it; a refused connection is not counted and needs
     * no {@link #release}.
     */
    public Admission admit(String client) {
        if (total.incrementAndGet() > maxConnections) {
            total.decrementAndGet();
            return Admission.TOO_MANY_CONNECTIONS;
        }
        boolean[] admitted = {false};
        perClient.compute(client, (key, open) -> {
            int count = open == null ? 0 : open;
            admitted[0] = count < maxPerClient;
            return admitted[0] ? count + 1 : open;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return Admission.TOO_MANY_FROM_CLIENT;
        }
        return Admission.ACCEPTED;
    }

    public void release(String client) {
        perClient.computeIfPresent(client, (key, open) -> open <= 1 ? null : open - 1);
        total.decrementAndGet();
    }

    /** Connections currently counted. */
    public int open() {
        return total.get();
    }
}
