package dev.mailroom.storage;

import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.Transaction;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Mail for other domains, accepted from authenticated users, kept durably until the relay picks it up.
 *
 * <p>Layout (documented in docs/tls-and-auth.md), Maildir-like: {@code <dir>/tmp/} while a message is written,
 * {@code <dir>/new/} once it is safe. Each message is two files named by its id: {@code <id>.envelope}, the
 * SMTP envelope as UTF-8 lines ({@code from <a@b>} — {@code from <>} for the null sender — one
 * {@code to <c@d>} per recipient, then {@code user NAME}, {@code body 8BITMIME}, {@code smtputf8}, each only
 * when it applies), and {@code <id>.eml}, the message as received (a Received header first, no Return-Path:
 * this is not final delivery). Commit fsyncs both, renames the envelope into {@code new/} first and the message
 * last, then fsyncs the directory: a reader takes a message once its {@code .eml} is in {@code new/}, and may
 * delete an {@code .envelope} left there alone by a crash.
 */
public final class OutgoingStore {
    private static final int WRITE_BUFFER = 64 * 1024;

    private final Path directory;
    private final MessageIds ids;

    public OutgoingStore(Path directory, String hostname) {
        this.directory = directory;
        this.ids = new MessageIds(hostname);
    }

    public Path directory() {
        return directory;
    }

    /** Starts a message with a new id. */
    public MessageWriter begin(Transaction transaction) throws IOException {
        return begin(transaction, ids.next().text());
    }

    /** Starts a message with the id it already has (the local part of a message split between both stores). */
    MessageWriter begin(Transaction transaction, String id) throws IOException {
        Path tmp = directory.resolve("tmp");
        Path ready = directory.resolve("new");
        if (!Files.isDirectory(ready) || !Files.isDirectory(tmp)) {
            Files.createDirectories(tmp);
            Files.createDirectories(ready);
            Durability.syncDirectory(directory);
            Durability.syncDirectory(directory.getParent());
        }
        return new Writer(id, transaction, tmp, ready);
    }

    /** The envelope file's text. */
    static String envelope(Transaction transaction) {
        StringBuilder text = new StringBuilder();
        text.append("from ").append(transaction.returnPath()).append('\n');
        for (Mailbox recipient : transaction.recipients()) {
            text.append("to <").append(recipient).append(">\n");
        }
        transaction.user().ifPresent(user -> text.append("user ").append(user).append('\n'));
        switch (transaction.parameters().body()) {
            case SEVEN_BIT -> { }
            case EIGHT_BIT_MIME, BINARY_MIME -> text.append("body ").append(transaction.parameters().body().keyword()).append('\n');
        }
        if (transaction.parameters().smtpUtf8()) {
            text.append("smtputf8\n");
        }
        return text.toString();
    }

    private static final class Writer implements MessageWriter {
        private final String id;
        private final Transaction transaction;
        private final Path tmp;
        private final Path ready;
        private final FileChannel channel;
        private final OutputStream body;
        private final List<Path> committed = new ArrayList<>();
        private final CountingOutputStream written;
        private boolean done;

        Writer(String id, Transaction transaction, Path tmp, Path ready) throws IOException {
            this.id = id;
            this.transaction = transaction;
            this.tmp = tmp;
            this.ready = ready;
            this.channel = FileChannel.open(tmp.resolve(id + ".eml"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.written = new CountingOutputStream(Channels.newOutputStream(channel));
            this.body = new BufferedOutputStream(written, WRITE_BUFFER);
        }

        @Override
        public String id() {
            return id;
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
                Path envelope = tmp.resolve(id + ".envelope");
                try (FileChannel out = FileChannel.open(envelope, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    out.write(java.nio.ByteBuffer.wrap(envelope(transaction).getBytes(StandardCharsets.UTF_8)));
                    out.force(true);
                }
                Files.move(envelope, ready.resolve(id + ".envelope"));
                committed.add(ready.resolve(id + ".envelope"));
                Files.move(tmp.resolve(id + ".eml"), ready.resolve(id + ".eml"));
                committed.add(ready.resolve(id + ".eml"));
                Durability.syncDirectory(ready);
                Durability.syncDirectory(tmp);
                done = true;
                return new StoredMessage(id, transaction, List.of(ready.resolve(id + ".eml")), written.count());
            } finally {
                if (!done) {
                    abort();
                }
            }
        }

        /** Before commit: drops the temporary files. After commit: takes the message back out of new/. */
        @Override
        public void abort() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
            List<Path> leftovers = new ArrayList<>(committed.reversed());
            leftovers.add(tmp.resolve(id + ".eml"));
            leftovers.add(tmp.resolve(id + ".envelope"));
            for (Path file : leftovers) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // an orphan in tmp/ is never taken for a message
                }
            }
            committed.clear();
            done = true;
        }
    }
}
