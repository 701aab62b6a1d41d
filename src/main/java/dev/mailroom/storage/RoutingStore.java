package dev.mailroom.storage;

import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.Transaction;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Sends each recipient's copy where it belongs: local recipients to Maildir, the others (accepted only from
 * authenticated users) to the {@link OutgoingStore}. A message for both is written to both at once under one
 * id; it commits outgoing first and takes it back if the local commit fails, so a 451 leaves it nowhere.
 */
public final class RoutingStore implements MessageStore {
    private final MessageStore local;
    private final OutgoingStore outgoing;
    private final Predicate<Mailbox> isLocal;

    public RoutingStore(MessageStore local, OutgoingStore outgoing, Predicate<Mailbox> isLocal) {
        this.local = local;
        this.outgoing = outgoing;
        this.isLocal = isLocal;
    }

    @Override
    public MessageWriter begin(Transaction transaction) throws IOException {
        List<Mailbox> here = new ArrayList<>();
        List<Mailbox> away = new ArrayList<>();
        for (Mailbox recipient : transaction.recipients()) {
            (isLocal.test(recipient) ? here : away).add(recipient);
        }
        if (away.isEmpty()) {
            return local.begin(transaction);
        }
        if (here.isEmpty()) {
            return outgoing.begin(transaction);
        }
        MessageWriter localWriter = local.begin(transaction.withRecipients(here));
        try {
            return new Split(transaction, localWriter, outgoing.begin(transaction.withRecipients(away), localWriter.id()));
        } catch (IOException | RuntimeException e) {
            localWriter.abort();
            throw e;
        }
    }

    @Override
    public boolean hasRoomFor(long octets) {
        return local.hasRoomFor(octets);
    }

    /** One message, two writers: the same octets go to both. */
    private record Split(Transaction transaction, MessageWriter local, MessageWriter outgoing) implements MessageWriter {
        @Override
        public String id() {
            return local.id();
        }

        @Override
        public OutputStream body() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    local.body().write(b);
                    outgoing.body().write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    local.body().write(bytes, offset, length);
                    outgoing.body().write(bytes, offset, length);
                }
            };
        }

        @Override
        public StoredMessage commit() throws IOException {
            StoredMessage away = outgoing.commit();
            StoredMessage here;
            try {
                here = local.commit();
            } catch (IOException | RuntimeException e) {
                outgoing.abort();   // takes the committed copy back out of outgoing/new/
                throw e;
            }
            List<java.nio.file.Path> files = new ArrayList<>(here.files());
            files.addAll(away.files());
            return new StoredMessage(here.id(), transaction, files, here.size());
        }

        @Override
        public void abort() {
            local.abort();
            outgoing.abort();
        }
    }
}
