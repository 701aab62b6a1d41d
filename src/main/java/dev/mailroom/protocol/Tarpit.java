package dev.mailroom.protocol;

import java.time.Duration;

/**
 * Slows a session down once it has made {@code after} errors: every reply from then on should wait
 * {@code delay}. The session only says so ({@link SmtpSession#replyDelay()}); the transport does the waiting,
 * since the core has no clock. A dictionary attack or a garbage stream then costs its sender time, while a
 * client that makes a few honest mistakes never notices.
 */
public record Tarpit(int after, Duration delay) {
    /** Never slows down. */
    public static final Tarpit OFF = new Tarpit(Integer.MAX_VALUE, Duration.ZERO);

    public Tarpit {
        if (after <= 0 || delay.isNegative()) {
            throw new IllegalArgumentException("a tarpit starts after a positive number of errors, with a delay of zero or more");
        }
    }
}
