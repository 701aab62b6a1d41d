package dev.mailroom.durability;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What the senders did, shared between their threads: every message sent, and the id of each one acknowledged. */
final class Ledger {
    private final Map<String, TestMessage> sent = new ConcurrentHashMap<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    /** Called before the message's first byte goes out, so whatever reaches the disk can be traced to it. */
    void sending(TestMessage message) {
        sent.put(message.marker(), message);
    }

    void acknowledged(TestMessage message, String id) {
        acknowledged.put(message.marker(), id);
    }

    Optional<TestMessage> sent(String marker) {
        return Optional.ofNullable(sent.get(marker));
    }

    /** Marker to message id, for every message answered 250. */
    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }
}
