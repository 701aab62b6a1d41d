package dev.mailroom.transport;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Graceful shutdown across all connections: once started, new connections are refused with 421 4.3.2,
 * sessions waiting for a command get 421 4.3.2 at once, busy ones at their next command boundary, and a
 * DATA in progress may finish until the grace period ends.
 */
public final class Drain {
    private final Set<SmtpConnection> live = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    /** True once a graceful shutdown has begun. */
    public boolean draining() {
        return draining;
    }

    void register(SmtpConnection connection) {
        live.add(connection);
    }

    void unregister(SmtpConnection connection) {
        live.remove(connection);
    }

    /** Connections still open. */
    public int liveConnections() {
        return live.size();
    }

    /** Starts draining and waits up to {@code grace} for sessions to end; then closes what is left. */
    public void drain(Duration grace) throws InterruptedException {
        draining = true;
        for (SmtpConnection connection : live) {
            connection.wakeIfIdle();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (SmtpConnection connection : live) {
            connection.forceClose();
        }
    }
}
