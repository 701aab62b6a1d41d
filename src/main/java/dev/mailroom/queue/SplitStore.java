package dev.mailroom.queue;

import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.RecipientDsn;
import dev.mailroom.protocol.Transaction;
import dev.mailroom.storage.MessageStore;
import dev.mailroom.storage.MessageWriter;
import dev.mailroom.storage.StoredMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each message where its recipients are: local ones to the local store (Maildir), the others to the relay
 * queue, the same bytes to both. The policy lets only authenticated users and relay-network clients name other
 * domains, so whatever reaches the queue came from one of them. The 250 is sent only when both parts are durable: the queue part commits first,
 * and is withdrawn again if the local part then fails, so a client that gets 451 and retries causes no duplicate.
 * The id in the 250 reply is the local store's when there are local recipients, else the queue's.
 *
 * <p>Local recipients that asked for a success report (NOTIFY=SUCCESS, RFC 3461 §5.2.3) are in their mailboxes
 * before the 250, so that is where their report is made: once the message is durable, and before the 250, the
 * {@link SuccessReporter} makes the report durable too (in the sender's Maildir, or the queue).
 */
public final class SplitStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(SplitStore.class);

    private final MessageStore local;
    private final MailQueue queue;
    private final Predicate<Mailbox> isLocal;
    private final Runnable onQueued;
    private final SuccessReporter reporter;

    /** Makes the success report for local recipients durable (the relay's {@code Bouncer}). */
    @FunctionalInterface
    public interface SuccessReporter {
        /**
         * Reports to the sender of {@code message}, which is not the null sender, that {@code recipients} have it in
         * their mailboxes; returns only when the report is durable.
         *
         * @param headers the message's header section, trace headers first, as the report returns it
         */
        void delivered(StoredMessage message, List<Mailbox> recipients, String headers) throws IOException;
    }

    /**
     * @param isLocal  true for recipients delivered here
     * @param onQueued called after a message entered the queue (to wake the queue runner)
     * @param reporter makes the success reports local recipients asked for
     */
    public SplitStore(MessageStore local, MailQueue queue, Predicate<Mailbox> isLocal, Runnable onQueued, SuccessReporter reporter) {
        this.local = local;
        this.queue = queue;
        this.isLocal = isLocal;
        this.onQueued = onQueued;
        this.reporter = reporter;
    }

    @Override
    public boolean hasRoomFor(long octets) {
        return local.hasRoomFor(octets);
    }

    @Override
    public MessageWriter begin(Transaction transaction) throws IOException {
        List<Mailbox> here = new ArrayList<>();
        SequencedMap<String, RecipientDsn> remote = new LinkedHashMap<>();
        for (Mailbox recipient : transaction.recipients()) {
            if (isLocal.test(recipient)) {
                here.add(recipient);
            } else {
                remote.put(recipient.toString(), transaction.dsnOf(recipient));
            }
        }
        MessageWriter writer = remote.isEmpty() ? local.begin(transaction) : split(transaction, here, remote);
        // The null sender gets no report (RFC 5321 §4.5.5): a report is never reported on.
        List<Mailbox> owedReport = transaction.sender().isEmpty() ? List.of()
                : here.stream().filter(recipient -> transaction.dsnOf(recipient).reportsSuccess()).toList();
        return owedReport.isEmpty() ? writer : new SuccessReportingWriter(writer, owedReport, reporter);
    }

    private MessageWriter split(Transaction transaction, List<Mailbox> here, SequencedMap<String, RecipientDsn> remote)
            throws IOException {
        MailQueue.QueueWriter queued = queue.begin(transaction.sender().map(Mailbox::toString), transaction.parameters(), remote);
        MessageWriter localWriter = null;
        try {
            if (!here.isEmpty()) {
                localWriter = local.begin(transaction.withRecipients(here));
            }
        } catch (IOException | RuntimeException e) {
            queued.abort();
            throw e;
        }
        return new SplitWriter(transaction, queued, localWriter);
    }

    private final class SplitWriter implements MessageWriter {
        private final Transaction transaction;
        private final MailQueue.QueueWriter queued;
        private final MessageWriter localWriter;   // null when every recipient is remote
        private long size;
        private final OutputStream body = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int count) throws IOException {
                queued.body().write(bytes, offset, count);
                if (localWriter != null) {
                    localWriter.body().write(bytes, offset, count);
                }
                size += count;
            }
        };

        SplitWriter(Transaction transaction, MailQueue.QueueWriter queued, MessageWriter localWriter) {
            this.transaction = transaction;
            this.queued = queued;
            this.localWriter = localWriter;
        }

        @Override
        public String id() {
            return localWriter != null ? localWriter.id() : queued.id();
        }

        @Override
        public OutputStream body() {
            return body;
        }

        @Override
        public StoredMessage commit() throws IOException {
            queued.commit();
            StoredMessage stored;
            try {
                stored = localWriter != null ? localWriter.commit()
                        : new StoredMessage(queued.id(), transaction, List.of(queue.messageFile(queued.id())), size);
            } catch (IOException | RuntimeException e) {
                queue.delete(queued.id());
                throw e;
            }
            onQueued.run();
            // Ties the id the client got (and the session log shows) to the queue id that delivery logs use.
            LOG.info("event=queued id={} queue-id={} remote-recipients={} local-recipients={}", stored.id(), queued.id(),
                    queued.entry().recipients().size(), localWriter == null ? 0 : stored.transaction().recipients().size());
            List<java.nio.file.Path> files = new ArrayList<>(stored.files());
            if (localWriter != null) {
                files.add(queue.messageFile(queued.id()));
            }
            return new StoredMessage(stored.id(), transaction, files, stored.size());
        }

        @Override
        public void abort() {
            queued.abort();
            if (localWriter != null) {
                localWriter.abort();
            }
        }
    }
}
