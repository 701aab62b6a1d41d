package dev.mailroom.storage;

import dev.mailroom.protocol.Transaction;
import java.io.IOException;

/**
 * Where accepted messages go. The contract every store keeps: {@link MessageWriter#commit()} returns only
 * once the message is durable (its bytes and the directory entries that name it are on disk), so the
 * server may answer 250; a writer that is aborted, or never committed, leaves nothing visible.
 */
public interface MessageStore {

    /** Starts a message for this envelope; the returned writer has its id already. */
    MessageWriter begin(Transaction transaction) throws IOException;

    /** True when the store has room for a message of this size plus its safety margin. */
    boolean hasRoomFor(long octets);
}
