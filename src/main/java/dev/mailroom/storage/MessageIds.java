package dev.mailroom.storage;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique message ids, following the Maildir naming convention so the id in the 250 reply, the log line and
 * the file name are one and the same: {@code <seconds>.M<microseconds>P<pid>Q<sequence>.<host>}.
 */
final class MessageIds {
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong sequence = new AtomicLong();
    private final String host;

    MessageIds(String hostname) {
        // Maildir reserves '/' and ':' in names; keep the host part to safe characters.
        this.host = hostname.replaceAll("[^A-Za-z0-9.-]", "_");
    }

    record Id(String text, String fileName) {
    }

    Id next() {
        Instant now = Instant.now();
        String text = now.getEpochSecond() + ".M" + (now.getNano() / 1000) + "P" + pid + "Q" + sequence.incrementAndGet();
        return new Id(text, text + "." + host);
    }
}
