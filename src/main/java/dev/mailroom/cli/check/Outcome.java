package dev.mailroom.cli.check;

import java.util.Locale;

/** The verdict of a check, in increasing severity, with the exit status scripts test. */
public enum Outcome {
    ACCEPTED(0),
    TRANSIENT(1),
    PERMANENT(2),
    UNREACHABLE(3);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The key of this outcome among the labels and in JSON, e.g. {@code transient}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome a reply leads to: its first digit decides (RFC 5321 §4.2.1). */
    static Outcome of(Event.Received reply) {
        return reply.code() >= 500 ? PERMANENT : reply.code() >= 400 ? TRANSIENT : ACCEPTED;
    }
}
