package dev.mailroom.transport;

import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line of {@code key=value} fields, written twice from one list: as the message text, for people and
 * grep, and as SLF4J key-value pairs, which a JSON encoder turns into fields of their own.
 */
public final class LogLine {
    private final LoggingEventBuilder event;
    private final StringBuilder text = new StringBuilder(160);

    private LogLine(LoggingEventBuilder event) {
        this.event = event;
    }

    public static LogLine info(Logger log) {
        return new LogLine(log.atInfo());
    }

    public static LogLine warn(Logger log) {
        return new LogLine(log.atWarn());
    }

    public static LogLine error(Logger log) {
        return new LogLine(log.atError());
    }

    public LogLine add(String key, Object value) {
        event.addKeyValue(key, value);
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(key).append('=');
        appendValue(String.valueOf(value));
        return this;
    }

    public void log() {
        event.log(text.toString());
    }

    /**
     * Values are written bare when they can be, else quoted with escapes: a client's HELO name is the client's
     * own text, and it must not be able to fake a field or start a new line.
     */
    private void appendValue(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '"' && c != '=' && c != '\\')) {
            text.append(value);
            return;
        }
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\' -> text.append('\\').append(c);
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
