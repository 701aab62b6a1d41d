package dev.mailroom.relay;

import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the queue: a virtual thread scans the queue directory every scan interval (or at once when
 * {@link #wake()}d by a new message) and starts one virtual thread per due message, at most
 * {@link RelaySettings#maxConcurrent()} at a time. Each delivery re-reads its entry first, so what
 * {@code mailroom queue retry|delete} changed on disk counts. Nothing is kept in memory between scans: after a
 * restart, or a crash in the middle of a delivery, the next scan finds every message where its entry left it.
 */
public final class QueueRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueRunner.class);

    /** Told of each entry whose recipients are all delivered or bounced, before it leaves the queue. */
    @FunctionalInterface
    public interface Finisher {
        void finished(QueueEntry entry) throws IOException;

        /** Told of each entry still queued after an attempt; returns it changed if it must be written again. */
        default QueueEntry stillQueued(QueueEntry entry) throws IOException {
            return entry;
        }
    }

    private final MailQueue queue;
    private final DeliveryAgent agent;
    private final Finisher finisher;
    private final Duration scanInterval;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running = true;
    private final Thread scanner;

    public QueueRunner(MailQueue queue, DeliveryAgent agent, Finisher finisher, RelaySettings settings) {
        this.queue = queue;
        this.agent = agent;
        this.finisher = finisher;
        this.scanInterval = settings.scanInterval();
        this.maxConcurrent = settings.maxConcurrent();
        this.slots = new Semaphore(maxConcurrent);
        this.scanner = Thread.ofVirtual().name("queue-runner").unstarted(this::scanLoop);
    }

    public QueueRunner start() {
        scanner.start();
        return this;
    }

    /** Scans now rather than at the next interval: a message was just queued. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void scanLoop() {
        while (running) {
            try {
                scan();
            } catch (IOException | RuntimeException e) {
                LOG.warn("event=queue-scan-failed reason=\"{}\"", e.toString());
            }
            synchronized (signal) {
                try {
                    if (!woken && running) {
                        signal.wait(Math.max(1, scanInterval.toMillis()));
                    }
                } catch (InterruptedException e) {
                    return;
                }
                woken = false;
            }
        }
    }

    private void scan() throws IOException {
        Instant now = queue.clock().instant();
        for (QueueEntry entry : queue.entries()) {
            if (!running) {
                return;
            }
            boolean due = entry.isDone() || !entry.due(now).isEmpty();
            if (due && inFlight.add(entry.id())) {
                if (!slots.tryAcquire()) {
                    inFlight.remove(entry.id());
                    return;   // all slots busy: the next scan goes on
                }
                Thread.ofVirtual().name("deliver-" + entry.id()).start(() -> deliver(entry.id()));
            }
        }
    }

    private void deliver(String id) {
        try {
            var fresh = queue.read(id);   // the CLI may have changed or deleted it since the scan
            if (fresh.isEmpty()) {
                return;
            }
            QueueEntry entry = fresh.get();
            if (!entry.isDone()) {
                entry = agent.attempt(entry);
            }
            if (!entry.isDone()) {
                QueueEntry noted = finisher.stillQueued(entry);
                if (!noted.equals(entry)) {
                    queue.update(noted);
                }
            }
            if (entry.isDone() && queue.read(id).isPresent()) {
                finisher.finished(entry);
                queue.delete(id);
                LOG.info("event=queue-done id={}", id);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=delivery-failed id={} reason=\"{}\" (stays queued)", id, e.toString());
        } finally {
            inFlight.remove(id);
            slots.release();
        }
    }

    /** Stops scanning and waits up to {@code grace} for deliveries in flight; what is cut short is retried at the next start. */
    public void stop(Duration grace) {
        running = false;
        wake();
        scanner.interrupt();
        try {
            if (slots.tryAcquire(maxConcurrent, grace.toMillis(), TimeUnit.MILLISECONDS)) {
                slots.release(maxConcurrent);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
