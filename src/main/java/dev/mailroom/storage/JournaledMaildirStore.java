package dev.mailroom.storage;

import dev.mailroom.protocol.Transaction;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maildir delivery with group commit: the default store.
 *
 * <p>A message up to {@code memoryLimit} octets is collected in memory, made durable through the
 * {@link SpoolJournal} (one fsync shared by every session committing at the same moment) and then placed in
 * its Maildirs without a sync of its own; the journal keeps it until a checkpoint has synced the file
 * system. A larger message spills to {@link MaildirStore}'s own path (fsync of file and directories), where
 * a shared sync would save little. Either way {@link MessageWriter#commit()} returns only once the message
 * would survive a crash, and it is in {@code new/} when it returns.
 */
public final class JournaledMaildirStore implements MessageStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournaledMaildirStore.class);

    private final MaildirStore maildir;
    private final SpoolJournal journal;
    private final int memoryLimit;
    private final ScheduledExecutorService checkpoints;

    private JournaledMaildirStore(MaildirStore maildir, SpoolJournal journal, int memoryLimit, Duration checkpointInterval) {
        this.maildir = maildir;
        this.journal = journal;
        this.memoryLimit = memoryLimit;
        this.checkpoints = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("spool-checkpoint").daemon().factory());
        long interval = checkpointInterval.toMillis();
        checkpoints.scheduleWithFixedDelay(this::checkpoint, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the store, first delivering whatever the journal in {@code spoolDirectory} still holds from a
     * run that ended without a final checkpoint.
     */
    public static JournaledMaildirStore open(MaildirStore maildir, Path spoolDirectory, int memoryLimit,
                                             Duration checkpointInterval) throws IOException {
        Path root = maildir.layout().root();
        SpoolJournal journal = SpoolJournal.open(spoolDirectory, spoolDirectory, record -> {
            for (String relative : record.maildirs()) {
                maildir.placeDurablyReplacing(record.fileName(), root.resolve(relative), record.message(), record.length());
            }
        });
        return new JournaledMaildirStore(maildir, journal, memoryLimit, checkpointInterval);
    }

    @Override
    public boolean hasRoomFor(long octets) {
        return maildir.hasRoomFor(octets);
    }

    @Override
    public MessageWriter begin(Transaction transaction) throws IOException {
        MessageIds.Id id = maildir.nextId();
        List<Path> maildirs = maildir.maildirsOf(transaction.recipients());
        return new Writer(transaction, id, maildirs);
    }

    private void checkpoint() {
        try {
            journal.checkpoint();
        } catch (IOException | RuntimeException e) {
            // Nothing is lost: the segments stay and the next checkpoint, or recovery, deals with them.
            LOG.warn("event=checkpoint-failed reason=\"{}\"", e.toString());
        }
    }

    /** Stops taking messages and trims the journal one last time. */
    @Override
    public void close() throws IOException {
        checkpoints.shutdown();
        try {
            checkpoints.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.checkpoint();
        journal.close();
    }

    /** Collects a message in memory, or streams it to the direct path once it outgrows the memory limit. */
    private final class Writer implements MessageWriter {
        private final Transaction transaction;
        private final MessageIds.Id id;
        private final List<Path> maildirs;
        private final int headerLength;
        private byte[] buffer = new byte[8 * 1024];
        private int length;
        private MessageWriter spilled;

        private final OutputStream body = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int count) throws IOException {
                if (spilled == null && length + count > memoryLimit) {
                    spill();
                }
                if (spilled != null) {
                    spilled.body().write(bytes, offset, count);
                    return;
                }
                if (length + count > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(memoryLimit, Math.max(buffer.length * 2, length + count)));
                }
                System.arraycopy(bytes, offset, buffer, length, count);
                length += count;
            }
        };

        Writer(Transaction transaction, MessageIds.Id id, List<Path> maildirs) throws IOException {
            this.transaction = transaction;
            this.id = id;
            this.maildirs = maildirs;
            byte[] returnPath = MaildirStore.returnPathHeader(transaction);
            headerLength = returnPath.length;
            body.write(returnPath);
        }

        private void spill() throws IOException {
            spilled = maildir.begin(transaction, id);   // writes its own Return-Path
            spilled.body().write(buffer, headerLength, length - headerLength);
            buffer = null;
        }

        @Override
        public String id() {
            return id.text();
        }

        @Override
        public OutputStream body() {
            return body;
        }

        @Override
        public StoredMessage commit() throws IOException {
            if (spilled != null) {
                return spilled.commit();
            }
            Path root = maildir.layout().root();
            List<String> relative = maildirs.stream().map(dir -> root.relativize(dir).toString()).toList();
            SpoolJournal.Segment segment = journal.append(JournalRecord.message(id.fileName(), relative, buffer, length));
            try {
                List<Path> files = maildir.placeWithoutSync(id, maildirs, buffer, length);
                return new StoredMessage(id.text(), transaction, files, length);
            } catch (IOException e) {
                journal.cancel(id.fileName());   // the client gets 451: recovery must not deliver it later
                throw e;
            } finally {
                segment.delivered();
            }
        }

        @Override
        public void abort() {
            if (spilled != null) {
                spilled.abort();
            }
            buffer = null;
        }
    }
}
