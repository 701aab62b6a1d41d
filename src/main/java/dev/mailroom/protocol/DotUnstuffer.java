package dev.mailroom.protocol;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Decodes a DATA body as it streams in (RFC 5321 §4.5.2): removes the dot that starts a stuffed line, finds
 * the end-of-data line, and writes everything else through unchanged.
 *
 * <p>Only {@code CRLF . CRLF} ends the data. A bare LF or bare CR anywhere (including {@code LF . LF} or
 * {@code LF . CRLF}, the SMTP smuggling patterns of CVE-2023-51764/5/6) never ends it: it is flagged, output
 * stops, and the caller rejects the whole message once the real end arrives — nothing is split or half-stored.
 * Output also stops once it would pass {@code maxSize}; the rest is scanned for the end and dropped.
 * Memory use is constant whatever the input.
 */
public final class DotUnstuffer {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    private enum State {
        /** After CRLF (or at the start of the body). */
        LINE_START,
        MID_LINE,
        /** After a CR (which was already written). */
        AFTER_CR,
        /** After a dot at the start of a line (the dot is dropped either way). */
        AFTER_DOT,
        /** After "." CR at the start of a line: an LF now ends the data. */
        AFTER_DOT_CR
    }

    private final OutputStream out;
    private final long maxSize;
    private State state = State.LINE_START;
    private long size;
    private boolean bareLineEnding;
    private boolean tooLarge;
    private boolean finished;

    public DotUnstuffer(OutputStream out, long maxSize) {
        this.out = out;
        this.maxSize = maxSize;
    }

    /**
     * Consumes input up to and including the end-of-data line.
     *
     * @return how many bytes were consumed; fewer than {@code length} only when the data ended and the rest
     *         belongs to the commands that follow
     */
    public int feed(byte[] buffer, int offset, int length) throws IOException {
        int end = offset + length;
        int i = offset;
        int run = offset;   // start of the bytes not yet written
        while (i < end) {
            switch (state) {
                case MID_LINE -> {
                    while (i < end && buffer[i] != CR && buffer[i] != LF) {
                        i++;
                    }
                    if (i < end) {
                        state = lineEnd(buffer[i]);
                        i++;
                    }
                }
                case LINE_START -> {
                    byte b = buffer[i];
                    if (b == DOT) {
                        write(buffer, run, i - run);
                        run = i + 1;
                        state = State.AFTER_DOT;
                    } else {
                        state = b == CR || b == LF ? lineEnd(b) : State.MID_LINE;
                    }
                    i++;
                }
                case AFTER_CR -> {
                    byte b = buffer[i];
                    if (b == LF) {
                        state = State.LINE_START;
                    } else {
                        bareLineEnding = true;   // CR not followed by LF
                        state = b == CR ? State.AFTER_CR : State.MID_LINE;
                    }
                    i++;
                }
                case AFTER_DOT -> {
                    byte b = buffer[i];
                    if (b == CR) {
                        // Possibly the end: hold the CR back until the next byte says.
                        write(buffer, run, i - run);
                        run = i + 1;
                        state = State.AFTER_DOT_CR;
                    } else {
                        state = b == LF ? lineEnd(b) : State.MID_LINE;
                    }
                    i++;
                }
                case AFTER_DOT_CR -> {
                    if (buffer[i] == LF) {
                        finished = true;
                        return i + 1 - offset;
                    }
                    bareLineEnding = true;   // ". CR x": the held CR was bare; the message is refused anyway
                    state = State.MID_LINE;
                }
            }
        }
        write(buffer, run, end - run);
        return length;
    }

    /** The state after a line-ending byte in the middle of a line; a bare LF is flagged and is no line end. */
    private State lineEnd(byte b) {
        if (b == CR) {
            return State.AFTER_CR;
        }
        bareLineEnding = true;
        return State.MID_LINE;
    }

    private void write(byte[] buffer, int from, int count) throws IOException {
        if (count <= 0 || bareLineEnding || tooLarge) {
            return;
        }
        if (size + count > maxSize) {
            tooLarge = true;
            return;
        }
        size += count;
        out.write(buffer, from, count);
    }

    /** True once the end-of-data line was consumed. */
    public boolean finished() {
        return finished;
    }

    /** True if a bare CR or LF was seen: the message must be refused. */
    public boolean bareLineEnding() {
        return bareLineEnding;
    }

    /** True if the body exceeded {@code maxSize}: the message must be refused. */
    public boolean tooLarge() {
        return tooLarge;
    }

    /** Octets written so far (the decoded body). */
    public long size() {
        return size;
    }
}
