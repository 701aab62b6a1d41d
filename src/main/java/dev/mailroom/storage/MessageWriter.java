package dev.mailroom.storage;

import java.io.IOException;
import java.io.OutputStream;

/** One message being written: stream the bytes to {@link #body()}, then {@link #commit()} or {@link #abort()}. */
public interface MessageWriter {

    /** The message id: in the 250 reply, the logs and the stored file's name. */
    String id();

    /** The message bytes as stored (trace headers first, then the client's data). */
    OutputStream body();

    /** Makes the message durable and visible; returns only when it is safe to answer 250. */
    StoredMessage commit() throws IOException;

    /** Drops everything written; never throws. */
    void abort();
}
