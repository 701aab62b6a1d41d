package dev.mailroom.relay;

import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.queue.QueueEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the relay reports as it works, for metrics: the queue at each scan, and each recipient after each attempt. */
public interface RelayObserver {
    RelayObserver NONE = new RelayObserver() { };

    /** The queue at one scan: the last scan's figures stand until the next. */
    default void scanned(QueueSnapshot queue) {
    }

    /**
     * One recipient's attempt ended, leaving it {@code outcome} (delivered, deferred, or bounced, also when the queue
     * lifetime ran out), decided by {@code reply}: the remote host's, or Mailroom's own when no host answered.
     */
    default void attempted(RecipientStatus outcome, String reply) {
    }

    /**
     * What the queue holds.
     *
     * @param messages messages in the queue
     * @param pending  recipients not tried yet
     * @param deferred recipients waiting for a retry
     * @param oldest   when the oldest message arrived; empty when the queue is empty
     */
    record QueueSnapshot(int messages, int pending, int deferred, Optional<Instant> oldest) {
        public static final QueueSnapshot EMPTY = new QueueSnapshot(0, 0, 0, Optional.empty());

        static QueueSnapshot of(List<QueueEntry> entries) {
            int pending = 0;
            int deferred = 0;
            Optional<Instant> oldest = Optional.empty();
            for (QueueEntry entry : entries) {
                for (RecipientState recipient : entry.recipients()) {
                    pending += recipient.status() == RecipientStatus.PENDING ? 1 : 0;
                    deferred += recipient.status() == RecipientStatus.DEFERRED ? 1 : 0;
                }
                if (oldest.isEmpty() || entry.queuedAt().isBefore(oldest.get())) {
                    oldest = Optional.of(entry.queuedAt());
                }
            }
            return new QueueSnapshot(entries.size(), pending, deferred, oldest);
        }
    }
}
