package dev.mailroom.transport;

import dev.mailroom.policy.ClientProtection;
import dev.mailroom.policy.ConnectionLimiter;
import dev.mailroom.protocol.SessionPolicy;
import dev.mailroom.protocol.SessionSettings;
import dev.mailroom.storage.MessageStore;
import dev.mailroom.storage.StoredMessage;
import java.util.function.Consumer;

/**
 * What every connection of a server shares.
 *
 * @param onStored called with each message once it is durable, before its 250 is sent
 * @param observer told of connections, replies and transactions, for logs and metrics
 * @param protection per-client rate limits, tarpit and greeting delay (docs/protect.md)
 */
public record ConnectionServices(SessionSettings session, TransportSettings transport, SessionPolicy policy,
                                 MessageStore store, ConnectionLimiter limiter, Drain drain,
                                 Consumer<StoredMessage> onStored, SessionObserver observer,
                                 ClientProtection protection) {
}
