package dev.mailroom.queue;

import dev.mailroom.delivery.RecipientState;
import dev.mailroom.protocol.MailParameters;
import dev.mailroom.protocol.RecipientDsn;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay queue: one entry per message, on disk under one directory.
 *
 * <pre>
 *   tmp/          files being written; emptied at startup
 *   messages/ID   the message as received (Received header first), written once
 *   entries/ID    the envelope and per-recipient state ({@link EntryFormat}), replaced atomically on every change
 * </pre>
 *
 * <p>How a message becomes durable (the same contract as the Maildir store: {@link QueueWriter#commit()} returns
 * only when a crash can no longer lose it, and only then does the client get 250): the body is written to
 * {@code tmp/} and fsynced, renamed into {@code messages/}, the entry likewise into {@code entries/}, and each
 * directory is fsynced after its rename. The entry is the commit point: a message file without an entry is
 * what a crash before the 250 leaves, and {@link #open} removes it. Every state change rewrites the entry the
 * same way (tmp, fsync, rename, fsync), so after a crash each recipient is as the last completed change left it;
 * a recipient recorded as delivered is never tried again.
 */
public final class MailQueue {
    private static final Logger LOG = LoggerFactory.getLogger(MailQueue.class);

    private final Path tmp;
    private final Path messages;
    private final Path entries;
    private final Clock clock;
    private final String idPrefix;
    private final AtomicLong sequence = new AtomicLong();

    private MailQueue(Path directory, Clock clock) {
        this.tmp = directory.resolve("tmp");
        this.messages = directory.resolve("messages");
        this.entries = directory.resolve("entries");
        this.clock = clock;
        this.idPrefix = Long.toString(ProcessHandle.current().pid(), 36).toUpperCase();
    }

    /**
     * Opens the queue in {@code directory}, creating it if needed. With {@code recover} (the server, which owns
     * the queue), leftovers of a crash are removed: files in {@code tmp/} and message files without an entry.
     * The {@code mailroom queue} commands open it without recovery, as the server may be running.
     */
    public static MailQueue open(Path directory, Clock clock, boolean recover) throws IOException {
        MailQueue queue = new MailQueue(directory, clock);
        Files.createDirectories(queue.tmp);
        Files.createDirectories(queue.messages);
        Files.createDirectories(queue.entries);
        if (recover) {
            queue.recover();
        }
        return queue;
    }

    private void recover() throws IOException {
        for (Path file : list(tmp)) {
            Files.deleteIfExists(file);
        }
        for (Path message : list(messages)) {
            if (!Files.exists(entries.resolve(message.getFileName()))) {
                LOG.info("event=queue-orphan-removed id={} (a crash came before its 250)", message.getFileName());
                Files.deleteIfExists(message);
            }
        }
    }

    public Clock clock() {
        return clock;
    }

    /** Starts a message for this envelope, without MAIL or DSN parameters (a report, or a test's message). */
    public QueueWriter begin(Optional<String> sender, List<String> recipients) throws IOException {
        SequencedMap<String, RecipientDsn> withoutDsn = new LinkedHashMap<>();
        recipients.forEach(address -> withoutDsn.put(address, RecipientDsn.NONE));
        return begin(sender, MailParameters.NONE, withoutDsn);
    }

    /**
     * Starts a message for this envelope: stream its bytes to {@link QueueWriter#body()}, then commit.
     *
     * @param parameters the sender's MAIL parameters: the body type, SMTPUTF8 and DSN ones are kept for the next hop
     * @param recipients each recipient's address and DSN parameters, in RCPT order
     */
    public QueueWriter begin(Optional<String> sender, MailParameters parameters, SequencedMap<String, RecipientDsn> recipients)
            throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a queued message needs a recipient");
        }
        Instant now = clock.instant();
        String id = Long.toString(now.toEpochMilli(), 36).toUpperCase() + idPrefix + "Q" + sequence.incrementAndGet();
        List<RecipientState> states = recipients.entrySet().stream()
                .map(recipient -> RecipientState.pending(recipient.getKey(), recipient.getValue(), now)).toList();
        return new QueueWriter(new QueueEntry(id, now, sender, parameters.dsn(), parameters.body(), parameters.smtpUtf8(), states,
                false));
    }

    /** Every entry in the queue, oldest first; an entry that cannot be read is logged and skipped. */
    public List<QueueEntry> entries() throws IOException {
        List<QueueEntry> found = new ArrayList<>();
        for (Path file : list(entries)) {
            read(file.getFileName().toString()).ifPresent(found::add);
        }
        found.sort((a, b) -> a.queuedAt().compareTo(b.queuedAt()));
        return found;
    }

    /** The entry with this id, if it is (still) queued. */
    public Optional<QueueEntry> read(String id) throws IOException {
        if (!validId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EntryFormat.read(Files.readString(entries.resolve(id), StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            LOG.warn("event=queue-entry-unreadable id={} reason=\"{}\"", id, e.getMessage());
            return Optional.empty();
        }
    }

    /** The file holding the message's bytes. */
    public Path messageFile(String id) {
        if (!validId(id)) {
            throw new IllegalArgumentException("not a queue id: " + id);
        }
        return messages.resolve(id);
    }

    /**
     * Replaces the stored entry with {@code entry}, durably; returns false (and writes nothing) when the entry is
     * no longer queued, as after {@code mailroom queue delete}.
     */
    public boolean update(QueueEntry entry) throws IOException {
        if (!Files.exists(entries.resolve(entry.id()))) {
            return false;
        }
        writeEntry(entry);
        return true;
    }

    /** Removes a message and its entry; the entry goes first, so a crash in between leaves only an orphan file. */
    public boolean delete(String id) throws IOException {
        if (!validId(id)) {
            return false;
        }
        boolean existed = Files.deleteIfExists(entries.resolve(id));
        if (existed) {
            Fsync.directory(entries);
        }
        Files.deleteIfExists(messages.resolve(id));
        return existed;
    }

    private void writeEntry(QueueEntry entry) throws IOException {
        Path temporary = tmp.resolve(entry.id() + ".entry." + sequence.incrementAndGet());
        try {
            Fsync.writeNew(temporary, EntryFormat.write(entry).getBytes(StandardCharsets.UTF_8));
            Fsync.moveInto(temporary, entries.resolve(entry.id()));
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static boolean validId(String id) {
        return id.matches("[A-Za-z0-9]{1,64}");
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    /** A message being queued: write the bytes, then {@link #commit()} (durable) or {@link #abort()}. */
    public final class QueueWriter implements AutoCloseable {
        private final QueueEntry entry;
        private final Path temporary;
        private final FileChannel channel;
        private final OutputStream body;
        private boolean done;

        private QueueWriter(QueueEntry entry) throws IOException {
            this.entry = entry;
            this.temporary = tmp.resolve(entry.id() + ".message");
            this.channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.body = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        }

        public String id() {
            return entry.id();
        }

        public QueueEntry entry() {
            return entry;
        }

        public OutputStream body() {
            return body;
        }

        /** Makes the message durable and queued; returns only when it is safe to answer 250. */
        public QueueEntry commit() throws IOException {
            done = true;
            try {
                body.flush();
                channel.force(true);
                channel.close();
                Fsync.moveInto(temporary, messages.resolve(entry.id()));
                writeEntry(entry);
                return entry;
            } catch (IOException | RuntimeException e) {
                abortQuietly();
                Files.deleteIfExists(messages.resolve(entry.id()));
                throw e;
            }
        }

        /** Drops the message; never throws. */
        public void abort() {
            done = true;
            abortQuietly();
        }

        private void abortQuietly() {
            try {
                channel.close();
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                LOG.debug("event=queue-abort-error id={} reason=\"{}\"", entry.id(), e.toString());
            }
        }

        @Override
        public void close() {
            if (!done) {
                abort();
            }
        }
    }
}
