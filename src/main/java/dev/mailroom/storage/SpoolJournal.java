package dev.mailroom.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool journal: group commit for accepted messages.
 *
 * <p>How it works. Sessions hand complete messages to {@link #append}; one writer thread takes every record
 * waiting, writes them all to the current segment file and fsyncs it once, then releases their sessions —
 * so twenty concurrent sessions share one fsync instead of paying two each. A released message is durable;
 * its session then places it in Maildir without syncing and reports {@link Segment#delivered()}. Every
 * {@code checkpointInterval} a checkpoint starts a new segment, waits until everything in the older ones is
 * placed, syncs the file system once ({@link FileSystemSync}) and deletes them. After a crash,
 * {@link #recover} delivers again, durably, every message still in a segment: that repairs any Maildir file
 * whose data had not reached the disk, and is harmless for those that had.
 */
final class SpoolJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolJournal.class);
    private static final String SUFFIX = ".journal";
    private static final int MAX_BATCH = 512;
    /**
     * After a batch of several records, other sessions are committing too: the writer waits this long before
     * taking the next batch, so more of them share its fsync (fewer, fuller file-system commits; bench/README.md
     * has the measurement). A lone session's message never waits.
     */
    private static final long GATHERING_NANOS = 300_000;

    /** A segment file and how many of its messages are journaled but not yet placed in Maildir. */
    static final class Segment {
        private final Path file;
        private final AtomicInteger undelivered = new AtomicInteger();

        Segment(Path file) {
            this.file = file;
        }

        /** The message this segment holds has been placed in Maildir (or given up and cancelled). */
        void delivered() {
            undelivered.decrementAndGet();
        }
    }

    private sealed interface Request {
        record Append(JournalRecord record, CompletableFuture<Segment> done) implements Request {
        }

        record Rotate(CompletableFuture<List<Segment>> closed) implements Request {
        }

        record Stop() implements Request {
        }
    }

    private final Path directory;
    private final Path syncTarget;
    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    /** Segments rotated out whose deletion waits for a successful file-system sync (checkpoint thread only). */
    private final List<Segment> awaitingSync = new ArrayList<>();
    private final Thread writer;
    private long nextSequence;
    private Segment current;
    private FileChannel channel;
    private long goodPosition;
    private int lastBatchSize;
    private volatile IOException broken;

    private SpoolJournal(Path directory, Path syncTarget, long firstSequence) throws IOException {
        this.directory = directory;
        this.syncTarget = syncTarget;
        this.nextSequence = firstSequence;
        openNextSegment();
        this.writer = Thread.ofPlatform().name("spool-journal").daemon().unstarted(this::writeLoop);
    }

    /** What recovery does with each message that was journaled but is not known to be safely placed. */
    @FunctionalInterface
    interface Redelivery {
        void deliver(JournalRecord record) throws IOException;
    }

    /**
     * Recovers what a previous run left (see the class comment), deletes those segments and opens a new one.
     *
     * @param syncTarget a path on the file system that holds the Maildirs (for {@code sync -f})
     */
    static SpoolJournal open(Path directory, Path syncTarget, Redelivery redelivery) throws IOException {
        Files.createDirectories(directory);
        List<Path> leftovers = segmentFiles(directory);
        int recovered = recover(leftovers, redelivery);
        for (Path leftover : leftovers) {
            Files.delete(leftover);
        }
        if (!leftovers.isEmpty()) {
            LOG.info("event=spool-recovered segments={} messages={}", leftovers.size(), recovered);
        }
        long firstSequence = leftovers.isEmpty() ? 1 : sequenceOf(leftovers.getLast()) + 1;
        SpoolJournal journal = new SpoolJournal(directory, syncTarget, firstSequence);
        journal.writer.start();
        return journal;
    }

    private static int recover(List<Path> segments, Redelivery redelivery) throws IOException {
        Set<String> cancelled = new HashSet<>();
        for (Path segment : segments) {
            forEachRecord(segment, record -> {
                if (record.kind() == JournalRecord.Kind.CANCELLATION) {
                    cancelled.add(record.fileName());
                }
            });
        }
        int[] delivered = {0};
        for (Path segment : segments) {
            forEachRecord(segment, record -> {
                if (record.kind() == JournalRecord.Kind.MESSAGE && !cancelled.contains(record.fileName())) {
                    redelivery.deliver(record);
                    delivered[0]++;
                }
            });
        }
        return delivered[0];
    }

    private static void forEachRecord(Path segment, Redelivery action) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(segment), 64 * 1024)) {
            for (Optional<JournalRecord> record = JournalRecord.read(in); record.isPresent(); record = JournalRecord.read(in)) {
                action.deliver(record.get());
            }
        }
    }

    /**
     * Journals a record and returns once it is on disk, with the segment to report delivery to.
     * Throws if it could not be made durable (then nothing of it counts).
     */
    Segment append(JournalRecord record) throws IOException {
        CompletableFuture<Segment> done = new CompletableFuture<>();
        requests.add(new Request.Append(record, done));
        return await(done);
    }

    /** Journals a cancellation of a message whose delivery failed after it was journaled. */
    void cancel(String fileName) throws IOException {
        append(JournalRecord.cancellation(fileName)).delivered();
    }

    /**
     * Trims the journal: starts a new segment, waits until every message of the older ones is placed, syncs
     * the file system and deletes them. Called periodically by one thread.
     */
    void checkpoint() throws IOException {
        CompletableFuture<List<Segment>> rotated = new CompletableFuture<>();
        requests.add(new Request.Rotate(rotated));
        awaitingSync.addAll(await(rotated));
        if (awaitingSync.isEmpty()) {
            return;
        }
        for (Segment segment : awaitingSync) {
            while (segment.undelivered.get() > 0) {
                sleepBriefly();   // a session is placing one of this segment's messages right now
            }
        }
        FileSystemSync.sync(syncTarget);
        for (Segment segment : awaitingSync) {
            Files.deleteIfExists(segment.file);
        }
        awaitingSync.clear();
    }

    private static void sleepBriefly() throws IOException {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during a checkpoint", e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the spool journal", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private void writeLoop() {
        List<Request> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(requests.take());
            } catch (InterruptedException e) {
                return;
            }
            if (lastBatchSize > 1) {
                LockSupport.parkNanos(GATHERING_NANOS);
            }
            requests.drainTo(batch, MAX_BATCH - 1);
            lastBatchSize = batch.size();
            if (process(batch)) {
                return;
            }
            batch.clear();
        }
    }

    /** Writes every append of the batch, syncs once, then answers them; returns true on stop. */
    private boolean process(List<Request> batch) {
        List<Request.Append> written = new ArrayList<>(batch.size());
        boolean stop = false;
        for (Request request : batch) {
            switch (request) {
                case Request.Append append -> {
                    if (write(append)) {
                        written.add(append);
                    }
                }
                case Request.Rotate rotate -> {
                    sync(written);
                    written.clear();
                    rotate(rotate);
                }
                case Request.Stop halt -> stop = true;
            }
        }
        sync(written);
        return stop;
    }

    private boolean write(Request.Append append) {
        if (broken != null) {
            append.done().completeExceptionally(broken);
            return false;
        }
        try {
            ByteBuffer[] buffers = append.record().encode();
            long remaining = 0;
            for (ByteBuffer buffer : buffers) {
                remaining += buffer.remaining();
            }
            while (remaining > 0) {
                remaining -= channel.write(buffers);
            }
            return true;
        } catch (IOException e) {
            undoTornWrite(e);
            append.done().completeExceptionally(e);
            return false;
        }
    }

    private void sync(List<Request.Append> written) {
        if (written.isEmpty()) {
            return;
        }
        try {
            channel.force(false);
            goodPosition = channel.position();
            current.undelivered.addAndGet(written.size());
            written.forEach(append -> append.done().complete(current));
        } catch (IOException e) {
            undoTornWrite(e);
            written.forEach(append -> append.done().completeExceptionally(e));
        }
    }

    /** A failed write may leave part of a record: cut the segment back so later records stay readable. */
    private void undoTornWrite(IOException cause) {
        try {
            channel.truncate(goodPosition);
            channel.position(goodPosition);
        } catch (IOException e) {
            broken = new IOException("spool journal unusable after a failed write", cause);
            LOG.error("event=spool-broken segment={} reason=\"{}\"", current.file, e.toString());
        }
    }

    private void rotate(Request.Rotate rotate) {
        try {
            if (goodPosition == 0) {
                rotate.closed().complete(List.of());
                return;
            }
            channel.close();
            Segment finished = current;
            openNextSegment();
            rotate.closed().complete(List.of(finished));
        } catch (IOException e) {
            broken = e;
            rotate.closed().completeExceptionally(e);
        }
    }

    private void openNextSegment() throws IOException {
        Path file = directory.resolve(String.format("%016d%s", nextSequence++, SUFFIX));
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Durability.syncDirectory(directory);
        current = new Segment(file);
        goodPosition = 0;
    }

    private static List<Path> segmentFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    private static long sequenceOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    /** Stops the writer after what is queued; the last checkpoint is the caller's. */
    @Override
    public void close() throws IOException {
        requests.add(new Request.Stop());
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
    }
}
