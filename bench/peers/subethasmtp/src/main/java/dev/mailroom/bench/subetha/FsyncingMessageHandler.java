package dev.mailroom.bench.subetha;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.MessageHandlerFactory;

/**
 * Stores each message as a new file in one directory and makes it durable before SubEthaSMTP sends its 250:
 * the file's data and metadata are fsynced, then the directory, so the new entry survives a crash too. That is
 * the guarantee Mailroom gives before its 250, so the comparison is between servers that promise the same.
 * One file per transaction, whatever the number of recipients (they are not stored: the benchmark counts files).
 */
final class FsyncingMessageHandler implements MessageHandler {
    private final Store store;

    private FsyncingMessageHandler(Store store) {
        this.store = store;
    }

    /** The directory the messages go to, shared by every session. */
    static final class Store implements MessageHandlerFactory {
        private final Path directory;
        private final FileChannel directoryChannel;
        // The process id keeps names unique if a second peer ever writes into the same directory.
        private final String namePrefix = ProcessHandle.current().pid() + ".";
        private final AtomicLong sequence = new AtomicLong();

        Store(Path directory) throws IOException {
            this.directory = directory;
            // Kept open for the server's life: fsync of a directory needs a descriptor of the directory itself.
            this.directoryChannel = FileChannel.open(directory, StandardOpenOption.READ);
        }

        @Override
        public MessageHandler create(MessageContext context) {
            return new FsyncingMessageHandler(this);
        }

        void write(InputStream message) throws IOException {
            Path file = directory.resolve(namePrefix + sequence.incrementAndGet());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                message.transferTo(out);
                channel.force(true);
            }
            directoryChannel.force(true);
        }
    }

    @Override
    public void from(String from) {
        // Every sender is accepted: the benchmark measures the transaction, not policy.
    }

    @Override
    public void recipient(String recipient) {
        // Every recipient is accepted, as above.
    }

    @Override
    public String data(InputStream data) throws IOException {
        store.write(data);
        return null; // SubEthaSMTP's own "250 Ok"
    }

    @Override
    public void done() {
        // Nothing is held between transactions.
    }
}
