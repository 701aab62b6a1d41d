package dev.mailroom.transport;

import dev.mailroom.protocol.Admission;
import dev.mailroom.protocol.Authenticator;
import dev.mailroom.reply.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Told what each connection does, for logs and metrics; called on the connection's own thread, so
 * implementations must be thread-safe and quick; each method does nothing unless overridden. The protocol core
 * knows nothing of it.
 */
public interface SessionObserver {

    /** A connection arrived; {@code admission} says whether it was let in. */
    default void connected(Admission admission) {
    }

    /** A reply was sent. */
    default void replied(Reply reply) {
    }

    /** A TLS handshake (implicit TLS or after STARTTLS) completed, or failed and closed the connection. */
    default void tlsHandshake(boolean succeeded) {
    }

    /** An AUTH exchange was checked. Only the verdict: never the credentials. */
    default void authenticated(Authenticator.Verdict verdict) {
    }

    /** A message body ended with a final reply: stored (250) or refused. */
    default void transactionEnded(TransactionRecord transaction) {
    }

    /** A connection closed. */
    default void disconnected(SessionRecord session) {
    }

    /**
     * @param sender     the reverse path, {@code <>} for the null sender
     * @param size       octets of the body as received
     * @param messageId  the id given in the 250 reply, when stored
     * @param result     the reply to the end of the body
     * @param duration   from MAIL to that reply
     */
    record TransactionRecord(String session, String client, String helo, String sender, int recipients, long size,
                             Optional<String> messageId, Reply result, Duration duration) {
    }

    /**
     * @param helo      the last HELO/EHLO name, empty if none
     * @param messages  messages accepted in the session
     * @param lastReply the last reply sent, if any
     */
    record SessionRecord(String session, String client, String helo, Duration duration, int messages,
                         SessionOutcome outcome, Optional<Reply> lastReply) {
    }

    /** Tells each observer in turn. */
    static SessionObserver all(List<SessionObserver> observers) {
        return new SessionObserver() {
            @Override
            public void connected(Admission admission) {
                observers.forEach(o -> o.connected(admission));
            }

            @Override
            public void replied(Reply reply) {
                observers.forEach(o -> o.replied(reply));
            }

            @Override
            public void tlsHandshake(boolean succeeded) {
                observers.forEach(o -> o.tlsHandshake(succeeded));
            }

            @Override
            public void authenticated(Authenticator.Verdict verdict) {
                observers.forEach(o -> o.authenticated(verdict));
            }

            @Override
            public void transactionEnded(TransactionRecord transaction) {
                observers.forEach(o -> o.transactionEnded(transaction));
            }

            @Override
            public void disconnected(SessionRecord session) {
                observers.forEach(o -> o.disconnected(session));
            }
        };
    }
}
