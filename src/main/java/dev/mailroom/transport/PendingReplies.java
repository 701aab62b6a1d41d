package dev.mailroom.transport;

import dev.mailroom.reply.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Replies written but not yet sent. The connection flushes them before every read that would block, so a
 * pipelined group of commands gets its replies in one write (RFC 2920). The buffer exists only while replies
 * wait: thousands of idle sessions hold none.
 */
final class PendingReplies {
    /** Replies go out once this many octets wait, so a very long pipelined group is answered in parts. */
    private static final int MOST_WAITING = 8 * 1024;

    private final OutputStream out;
    private ByteArrayOutputStream waiting;

    PendingReplies(OutputStream out) {
        this.out = out;
    }

    void add(Reply reply) {
        if (waiting == null) {
            waiting = new ByteArrayOutputStream(256);
        }
        waiting.writeBytes(reply.wireBytes());
        if (waiting.size() >= MOST_WAITING) {
            flush();
        }
    }

    /** Sends what waits, in one write. */
    void flush() {
        if (waiting == null) {
            return;
        }
        try {
            waiting.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            waiting = null;
        }
    }
}
