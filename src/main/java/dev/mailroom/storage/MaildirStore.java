package dev.mailroom.storage;

import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.TraceHeaders;
import dev.mailroom.protocol.Transaction;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Final delivery into Maildir (one per recipient, see {@link MaildirLayout}).
 *
 * <p>How a message becomes durable: its bytes go to a unique file in the first recipient's {@code tmp/};
 * at commit the file is fsynced, hard-linked into {@code new/} of every distinct recipient Maildir, each
 * {@code new/} directory is fsynced, and the {@code tmp/} name is removed. Only then does the server answer
 * 250. A crash at any point leaves at most a file in {@code tmp/}, which Maildir readers never show. The
 * message starts with {@code Return-Path:}, since this is final delivery (RFC 5321 §4.4).
 */
public final class MaildirStore implements MessageStore {
    private static final int WRITE_BUFFER = 64 * 1024;

    private final MaildirLayout layout;
    private final long minFreeSpace;
    private final MessageIds ids;
    private final Set<Path> knownMaildirs = ConcurrentHashMap.newKeySet();
    private volatile FileStore mailFileSystem;

    /**
     * @param layout       where recipients' Maildirs are
     * @param minFreeSpace octets that must stay free on the disk; below that new messages get 452 4.3.1
     * @param hostname     part of every file name, as the Maildir convention asks
     */
    public MaildirStore(MaildirLayout layout, long minFreeSpace, String hostname) {
        this.layout = layout;
        this.minFreeSpace = minFreeSpace;
        this.ids = new MessageIds(hostname);
    }

    @Override
    public boolean hasRoomFor(long octets) {
        try {
            return fileStore().getUsableSpace() - octets >= minFreeSpace;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The file system of the mail root, looked up once: this is asked at every MAIL, and finding a path's file
     * system reads the mount table, while asking it for free space is one statvfs.
     */
    private FileStore fileStore() throws IOException {
        FileStore store = mailFileSystem;
        if (store == null) {
            Files.createDirectories(layout.root());
            store = Files.getFileStore(layout.root());
            mailFileSystem = store;
        }
        return store;
    }

    @Override
    public MessageWriter begin(Transaction transaction) throws IOException {
        return begin(transaction, ids.next());
    }

    /** A streaming writer for a message whose id was already given out (the journal's spill path). */
    MessageWriter begin(Transaction transaction, MessageIds.Id id) throws IOException {
        List<Path> maildirs = maildirsOf(transaction.recipients());
        Path temporary = maildirs.getFirst().resolve("tmp").resolve(id.fileName());
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Writer writer = new Writer(id, transaction, maildirs, temporary, channel);
        writer.body().write(returnPathHeader(transaction));
        return writer;
    }

    MessageIds.Id nextId() {
        return ids.next();
    }

    MaildirLayout layout() {
        return layout;
    }

    /** Final delivery adds Return-Path (RFC 5321 §4.4); every stored message starts with it. */
    static byte[] returnPathHeader(Transaction transaction) {
        return TraceHeaders.returnPath(transaction).getBytes(StandardCharsets.UTF_8);
    }

    /** The distinct Maildirs of these recipients, in order, created if new. */
    List<Path> maildirsOf(List<Mailbox> recipients) throws IOException {
        Set<Path> maildirs = new LinkedHashSet<>();
        for (Mailbox recipient : recipients) {
            maildirs.add(layout.maildirOf(recipient));
        }
        for (Path maildir : maildirs) {
            ensureMaildir(maildir);
        }
        return List.copyOf(maildirs);
    }

    /**
     * Places a message already made durable elsewhere (the spool journal) into {@code new/} of each Maildir
     * without syncing: written once under {@code tmp/}, hard-linked into every {@code new/} but the last, and
     * renamed into that one (one directory operation fewer than link and unlink; the names are unique). On
     * failure, links already made are removed again.
     */
    List<Path> placeWithoutSync(MessageIds.Id id, List<Path> maildirs, byte[] message, int length) throws IOException {
        Path temporary = maildirs.getFirst().resolve("tmp").resolve(id.fileName());
        List<Path> placed = new ArrayList<>(maildirs.size());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Durability.writeFully(channel, message, length);
            }
            for (Path maildir : maildirs.subList(0, maildirs.size() - 1)) {
                Path target = maildir.resolve("new").resolve(id.fileName());
                Files.createLink(target, temporary);
                placed.add(target);
            }
            Path last = maildirs.getLast().resolve("new").resolve(id.fileName());
            Files.move(temporary, last, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            placed.add(last);
            return placed;
        } catch (IOException e) {
            for (Path link : placed) {
                Files.deleteIfExists(link);
            }
            throw e;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Recovery's delivery: whatever a crash left under this name in {@code new/} (perhaps a file whose data
     * never reached the disk) is replaced by the complete message, file and directory synced. A message a
     * reader already moved to {@code cur/} is left alone.
     */
    void placeDurablyReplacing(String fileName, Path maildir, byte[] message, int length) throws IOException {
        ensureMaildir(maildir);
        if (alreadyRead(maildir, fileName)) {
            return;
        }
        Path temporary = maildir.resolve("tmp").resolve(fileName + ".recovered");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Durability.writeFully(channel, message, length);
            channel.force(true);
        }
        Files.move(temporary, maildir.resolve("new").resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Durability.syncDirectory(maildir.resolve("new"));
    }

    private static boolean alreadyRead(Path maildir, String fileName) throws IOException {
        try (var entries = Files.newDirectoryStream(maildir.resolve("cur"), fileName + "*")) {
            return entries.iterator().hasNext();
        }
    }

    /** Creates tmp/, new/ and cur/ once, fsyncing the new directory entries up to the root. */
    private void ensureMaildir(Path maildir) throws IOException {
        if (knownMaildirs.contains(maildir)) {
            return;
        }
        Path existing = maildir;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        for (Path dir = maildir; dir != null && !dir.equals(existing); dir = dir.getParent()) {
            Durability.syncDirectory(dir);
            Durability.syncDirectory(dir.getParent());
        }
        knownMaildirs.add(maildir);
    }

    private final class Writer implements MessageWriter {
        private final MessageIds.Id id;
        private final Transaction transaction;
        private final List<Path> maildirs;
        private final Path temporary;
        private final FileChannel channel;
        private final OutputStream body;
        /** The new/ entries made so far by commit: undone if it fails, so a 451 leaves the message nowhere. */
        private final List<Path> linked = new ArrayList<>();
        private final CountingOutputStream written;
        private boolean done;

        Writer(MessageIds.Id id, Transaction transaction, List<Path> maildirs, Path temporary, FileChannel channel) {
            this.id = id;
            this.transaction = transaction;
            this.maildirs = maildirs;
            this.temporary = temporary;
            this.channel = channel;
            this.written = new CountingOutputStream(Channels.newOutputStream(channel));
            this.body = new BufferedOutputStream(written, WRITE_BUFFER);
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
            try {
                body.flush();
                channel.force(true);
                channel.close();
                for (Path maildir : maildirs) {
                    Path target = maildir.resolve("new").resolve(id.fileName());
                    try {
                        Files.createLink(target, temporary);
                    } catch (FileAlreadyExistsException e) {
                        throw new IOException("message file already exists: " + target, e);
                    }
                    linked.add(target);
                }
                for (Path maildir : maildirs) {
                    Durability.syncDirectory(maildir.resolve("new"));
                }
                Files.delete(temporary);
                done = true;
                return new StoredMessage(id.text(), transaction, linked, written.count());
            } finally {
                if (!done) {
                    abort();
                }
            }
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a leftover tmp/ file is invisible to Maildir readers
            }
            for (Path link : linked) {
                try {
                    Files.deleteIfExists(link);
                } catch (IOException ignored) {
                    // nothing more we can do; the client was told 451 and will send again
                }
            }
        }
    }
}
