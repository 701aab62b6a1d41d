package dev.mailroom.transport;

import dev.mailroom.protocol.DotUnstuffer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The bytes a client sends, read through one buffer: command lines (bounded), DATA bodies (through a
 * {@link DotUnstuffer}) and BDAT chunks (exact counts). Bytes after a line or a body stay buffered for the
 * next call, which is what makes PIPELINING work. Before any read that would block, {@code beforeBlocking}
 * runs: the connection flushes its pending replies there, so a pipelined group gets its replies in one write.
 */
final class SmtpInput {
    static final int END_OF_STREAM = -1;
    static final int LINE_TOO_LONG = -2;
    /**
     * Message bodies are read through a buffer this large, allocated for the body and dropped after it: an
     * idle session then holds only its small command buffer (thousands of idle sessions are the common
     * case), while a body still arrives in few large reads.
     */
    static final int BODY_BUFFER = 32 * 1024;
    /**
     * Commands are read into a buffer this large at first: an idle session parks holding it, and most
     * command lines (and pipelined groups) are shorter. A longer line grows it, up to the largest size.
     */
    static final int FIRST_COMMAND_BUFFER = 256;

    private final InputStream in;
    private final Runnable beforeBlocking;
    private final int largestCommandBuffer;
    private byte[] buffer;
    private boolean readingBody;
    private int position;
    private int limit;
    private int lineStart;

    /**
     * @param largestCommandBuffer at least the longest command line accepted
     */
    SmtpInput(InputStream in, int largestCommandBuffer, Runnable beforeBlocking) {
        this.in = in;
        this.largestCommandBuffer = largestCommandBuffer;
        this.buffer = new byte[Math.min(FIRST_COMMAND_BUFFER, largestCommandBuffer)];
        this.beforeBlocking = beforeBlocking;
    }

    byte[] buffer() {
        return buffer;
    }

    /** Where the last line returned by {@link #readLine} starts in {@link #buffer()}. */
    int lineStart() {
        return lineStart;
    }

    /**
     * Reads one line ended by LF (a CR before it is dropped too).
     *
     * @param maxLength the longest line allowed, its CRLF included (RFC 5321 §4.5.3.1.4)
     * @return the line's length, {@link #END_OF_STREAM}, or {@link #LINE_TOO_LONG} once the over-long line
     *         has been read and discarded up to its LF
     */
    int readLine(int maxLength) throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    lineStart = position;
                    position = i + 1;
                    if (i + 1 - lineStart > maxLength) {
                        return LINE_TOO_LONG;
                    }
                    int length = i - lineStart;
                    return length > 0 && buffer[i - 1] == '\r' ? length - 1 : length;
                }
            }
            if (limit - position >= maxLength) {
                return discardRestOfLine();
            }
            scanned = limit - position;
            compact();
            scanned = position + scanned;
            if (limit == buffer.length) {
                resize(Math.min(buffer.length * 2, largestCommandBuffer));   // a line longer than the buffer
            }
            if (fill() < 0) {
                return END_OF_STREAM;
            }
        }
    }

    private int discardRestOfLine() throws IOException {
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    position = i + 1;
                    return LINE_TOO_LONG;
                }
            }
            position = limit;
            if (fill() < 0) {
                return END_OF_STREAM;
            }
        }
    }

    /** Feeds buffered and incoming bytes to {@code body} until it finds the end of data. */
    void readData(DotUnstuffer body) throws IOException {
        startBody();
        while (!body.finished()) {
            if (position == limit && fill() < 0) {
                throw new EOFException("connection closed during DATA");
            }
            position += body.feed(buffer, position, limit - position);
        }
        endBody();
    }

    /** Copies exactly {@code count} octets to {@code out} (BDAT). */
    void readExactly(long count, OutputStream out) throws IOException {
        startBody();
        long remaining = count;
        while (remaining > 0) {
            if (position == limit && fill() < 0) {
                throw new EOFException("connection closed during BDAT");
            }
            int n = (int) Math.min(remaining, limit - position);
            out.write(buffer, position, n);
            position += n;
            remaining -= n;
        }
        endBody();
    }

    private void startBody() {
        readingBody = true;
        resize(BODY_BUFFER);
    }

    private void endBody() {
        readingBody = false;
        resize(FIRST_COMMAND_BUFFER);
    }

    /** How many octets the client sent that were read but not yet consumed. */
    int buffered() {
        return limit - position;
    }

    /** True when the client has sent bytes not yet consumed (a pipelined command, or early talk). */
    boolean hasBuffered() {
        return position < limit;
    }

    /**
     * Moves the unread bytes into a buffer of {@code size}: larger for a body or a long line, back to the first
     * command size after a body — unless more pipelined bytes are waiting than that would hold; then the large
     * one stays until those are read ({@link #fill}).
     */
    private void resize(int size) {
        int unread = limit - position;
        if (buffer.length == size || unread > size) {
            return;
        }
        byte[] resized = new byte[size];
        System.arraycopy(buffer, position, resized, 0, unread);
        buffer = resized;
        position = 0;
        limit = unread;
    }

    private void compact() {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
    }

    /** Reads more bytes into an empty or compacted buffer; -1 at end of stream. */
    private int fill() throws IOException {
        if (position == limit) {
            position = 0;
            limit = 0;
            if (!readingBody && buffer.length > largestCommandBuffer) {
                buffer = new byte[FIRST_COMMAND_BUFFER];   // the pipelined burst after a body is consumed
            }
        }
        beforeBlocking.run();
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n > 0) {
            limit += n;
        }
        return n;
    }
}
