package dev.mailroom.server;

/**
 * Told of every message once it is durably stored and before the client gets its 250. A listener that
 * throws is logged and ignored: the message is already safe. Called on the session's thread; keep it quick.
 */
@FunctionalInterface
public interface MessageListener {
    void onMessage(ReceivedMessage message);
}
