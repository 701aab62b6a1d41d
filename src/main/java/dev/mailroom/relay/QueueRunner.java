package dev.mailroom.relay;

import dev.mailroom.delivery.RecipientState;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the queue: a virtual thread scans the queue directory every scan interval (or at once when
 * {@link #wake()}d by a new message), groups the due messages by destination (the domain of their first due
 * recipient, or the smart host), and starts one virtual thread per group, at most {@link RelaySettings#maxConcurrent()}
 * at a time. A group holds at most {@link RelaySettings#messagesPerConnection()} messages, delivered one after the
 * other over one connection; a bigger backlog is split into several groups, which run side by side. Each delivery
 * re-reads its entries first, so what {@code mailroom queue retry|delete} changed on disk counts. Nothing is kept in
 * memory between scans: after a restart, or a crash in the middle of a delivery, the next scan finds every message
 * where its entry left it.
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
    private final RelaySettings settings;
    private final RelayObserver observer;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running = true;
    private final Thread scanner;

    public QueueRunner(MailQueue queue, DeliveryAgent agent, Finisher finisher, RelaySettings settings) {
        this(queue, agent, finisher, settings, RelayObserver.NONE);
    }

    /** @param observer told what the queue holds at each scan */
    public QueueRunner(MailQueue queue, DeliveryAgent agent, Finisher finisher, RelaySettings settings,
                       RelayObserver observer) {
        this.observer = observer;
        this.queue = queue;
        this.agent = agent;
        this.finisher = finisher;
        this.settings = settings;
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
                        signal.wait(Math.max(1, settings.scanInterval().toMillis()));
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
        Map<String, List<QueueEntry>> byDestination = new LinkedHashMap<>();
        List<QueueEntry> entries = queue.entries();
        observer.scanned(RelayObserver.QueueSnapshot.of(entries));
        for (QueueEntry entry : entries) {
            List<RecipientState> due = entry.due(now);
            if ((entry.isDone() || !due.isEmpty()) && !inFlight.contains(entry.id())) {
                String destination = due.isEmpty() ? "" : agent.destinationOf(due.getFirst().address());
                byDestination.computeIfAbsent(destination, d -> new ArrayList<>()).add(entry);
            }
        }
        int batchSize = settings.messagesPerConnection();
        for (List<QueueEntry> group : byDestination.values()) {
            for (int from = 0; from < group.size(); from += batchSize) {
                if (!running || !slots.tryAcquire()) {
                    return;   // all slots busy: the next scan goes on
                }
                List<String> ids = group.subList(from, Math.min(group.size(), from + batchSize)).stream()
                        .map(QueueEntry::id).toList();
                inFlight.addAll(ids);
                Thread.ofVirtual().name("deliver-" + ids.getFirst()).start(() -> deliver(ids));
            }
        }
    }

    /** Delivers these messages, then finishes those that are done; each is re-read first. */
    private void deliver(List<String> ids) {
        try {
            List<QueueEntry> fresh = new ArrayList<>();
            for (String id : ids) {
                queue.read(id).ifPresent(fresh::add);   // the CLI may have changed or deleted it since the scan
            }
            List<QueueEntry> open = fresh.stream().filter(entry -> !entry.isDone()).toList();
            Map<String, QueueEntry> attempted = new LinkedHashMap<>();
            agent.attempt(open).forEach(entry -> attempted.put(entry.id(), entry));
            for (QueueEntry entry : fresh) {
                conclude(attempted.getOrDefault(entry.id(), entry));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=delivery-failed ids={} reason=\"{}\" (stays queued)", String.join(",", ids), e.toString());
        } finally {
            inFlight.removeAll(ids);
            slots.release();
        }
    }

    /** After an attempt: the finisher notes a message still queued, or reports and removes one that is done. */
    private void conclude(QueueEntry entry) throws IOException {
        if (!entry.isDone()) {
            QueueEntry noted = finisher.stillQueued(entry);
            if (!noted.equals(entry)) {
                queue.update(noted);
            }
        } else if (queue.read(entry.id()).isPresent()) {
            finisher.finished(entry);
            queue.delete(entry.id());
            LOG.info("event=queue-done id={}", entry.id());
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
