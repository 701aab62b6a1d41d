package dev.mailroom.relay;

import dev.mailroom.delivery.Attempt;
import dev.mailroom.queue.QueueEntry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The connection a delivery run keeps open from one message to the next, so that several messages to the same
 * host go over one SMTP session (RFC 5321 §3.3: after the reply to the end of data a new MAIL may follow). It holds
 * at most one connection, to the host address of the last transaction; a transaction for another address closes
 * it and opens one there. A connection carries at most {@code limit} transactions (Postfix's
 * {@code smtp_connection_reuse_count_limit}); a 421 or an I/O failure closes it, and the next message opens a new
 * one by the usual rules. A reused connection found closed before any reply (the server timed it out while idle)
 * is replaced by a fresh one, without counting as a failure of the host: nothing was sent that it could have taken.
 */
final class ReusableConnection implements AutoCloseable {
    private final OutboundSession session;
    private final int limit;
    private OutboundSession.Connection current;

    ReusableConnection(OutboundSession session, int limit) {
        this.session = session;
        this.limit = limit;
    }

    /** Sends one message to what is open in {@code attempt} through {@code address}, the host called {@code host}. */
    void deliver(String host, InetSocketAddress address, QueueEntry entry, Path message, Attempt attempt,
                 Optional<RelaySettings.Credentials> credentials) {
        boolean reused = current != null && current.usable() && current.address().equals(address)
                && current.transactions() < limit;
        if (!reused) {
            close();
            current = session.open(host, address, attempt, credentials).orElse(null);
            if (current == null) {
                return;
            }
        }
        int repliesBefore = current.replies();
        try {
            session.transaction(current, entry, message, attempt);
        } catch (IOException e) {
            current.broken();
            boolean stale = reused && current.replies() == repliesBefore;
            String where = current.where();
            close();
            if (stale) {
                deliver(host, address, entry, message, attempt, credentials);
            } else {
                OutboundSession.hostFailed(where, e, attempt);
            }
            return;
        }
        if (!current.usable()) {
            close();
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
