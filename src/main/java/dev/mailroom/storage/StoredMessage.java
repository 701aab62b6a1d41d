package dev.mailroom.storage;

import dev.mailroom.protocol.Transaction;
import java.nio.file.Path;
import java.util.List;

/**
 * A message that is durably stored.
 *
 * @param id          the message id given in the 250 reply
 * @param transaction the envelope it arrived with
 * @param files       one file per distinct destination mailbox, in recipient order
 * @param size        the stored size in octets, trace headers included
 */
public record StoredMessage(String id, Transaction transaction, List<Path> files, long size) {
    public StoredMessage {
        files = List.copyOf(files);
    }
}
