package dev.mailroom.storage;

import dev.mailroom.policy.GreylistStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The greylist's triplets in one text file, a line per change: {@code first last P|W network sender recipient},
 * tab-separated (no SMTP path can hold a tab or a line break). Appended as triplets change, rewritten whole
 * when the greylist drops expired entries and on every start, so it stays about the size of the live state.
 *
 * <p>Lines are not synced: losing the last few to a crash only means a sender is greylisted once more, which
 * RFC 6647 senders handle anyway. A torn last line is skipped on load.
 */
public final class GreylistFile implements GreylistStore {
    private static final Logger LOG = LoggerFactory.getLogger(GreylistFile.class);

    private final Path file;
    private FileChannel appender;
    private boolean failing;

    public GreylistFile(Path file) {
        this.file = file;
    }

    @Override
    public synchronized Map<Triplet, Entry> load() {
        Map<Triplet, Entry> entries = new HashMap<>();
        if (!Files.exists(file)) {
            return entries;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the greylist " + file, e);
        }
        for (String line : lines) {
            String[] fields = line.split("\t", -1);
            if (fields.length != 6 || !(fields[2].equals("P") || fields[2].equals("W"))) {
                continue;   // a torn line from a crash
            }
            try {
                entries.put(new Triplet(fields[3], fields[4], fields[5]),
                        new Entry(Long.parseLong(fields[0]), Long.parseLong(fields[1]), fields[2].equals("P")));
            } catch (NumberFormatException torn) {
                // skip it too
            }
        }
        return entries;
    }

    @Override
    public synchronized void record(Triplet triplet, Entry entry) {
        try {
            if (appender == null) {
                Files.createDirectories(file.getParent());
                appender = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            ByteBuffer bytes = ByteBuffer.wrap(line(triplet, entry).getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                appender.write(bytes);
            }
            failing = false;
        } catch (IOException e) {
            failed(e);
        }
    }

    @Override
    public synchronized void compact(Map<Triplet, Entry> live) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder();
            live.forEach((triplet, entry) -> text.append(line(triplet, entry)));
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            closeAppender();
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            failed(e);
        }
    }

    /** Closes the file; a later change opens it again. */
    public synchronized void close() {
        try {
            closeAppender();
        } catch (IOException e) {
            failed(e);
        }
    }

    private void closeAppender() throws IOException {
        if (appender != null) {
            appender.close();
            appender = null;
        }
    }

    private void failed(IOException e) {
        if (!failing) {   // once per run of failures, not once per RCPT
            LOG.warn("event=greylist-write-error file={} reason=\"{}\"", file, e.toString());
            failing = true;
        }
    }

    private static String line(Triplet triplet, Entry entry) {
        return entry.firstSeen() + "\t" + entry.lastSeen() + "\t" + (entry.passed() ? "P" : "W") + "\t"
                + triplet.network() + "\t" + triplet.sender() + "\t" + triplet.recipient() + "\n";
    }
}
