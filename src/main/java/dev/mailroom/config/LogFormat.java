package dev.mailroom.config;

/** How the standalone server writes its log lines. */
public enum LogFormat {
    /** {@code key=value} lines, for people and grep. */
    TEXT,
    /** One JSON object per line, for log shippers. */
    JSON
}
