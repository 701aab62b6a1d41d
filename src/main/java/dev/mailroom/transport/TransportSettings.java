package dev.mailroom.transport;

import java.time.Duration;

/**
 * Socket-level limits.
 *
 * @param maxLineLength longest command line read, CRLF included: the session's
 *                      {@link dev.mailroom.protocol.SessionSettings#longestCommandLine()}, since only the session
 *                      knows which command may be how long
 * @param idleTimeout   longest wait for a command (RFC 5321 §4.5.3.2.7 suggests 5 minutes)
 * @param dataTimeout   longest wait for the next block of a message body (RFC 5321 §4.5.3.2.6: 3 minutes)
 */
public record TransportSettings(int maxLineLength, Duration idleTimeout, Duration dataTimeout) {
    public TransportSettings {
        if (maxLineLength < 512) {
            throw new IllegalArgumentException("RFC 5321 requires command lines of at least 512 octets");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || dataTimeout.isNegative() || dataTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /**
     * The largest the command read buffer grows to: at least the longest line, and 1 KiB, room for a pipelined
     * group of ordinary commands in one read. It starts smaller ({@link SmtpInput}), because every idle session
     * holds one; bodies get a larger buffer of their own.
     */
    int bufferSize() {
        return Math.max(1024, maxLineLength);
    }
}
