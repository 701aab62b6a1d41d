package dev.mailroom.transport;

import dev.mailroom.reply.EnhancedStatus;
import dev.mailroom.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's log: one line per transaction and one per connection, in a stable {@code key=value} form
 * (the field names are part of the interface: scripts grep them). Never message content.
 *
 * <pre>
 * session=1 client=127.0.0.1 event=transaction helo=client.test from=a@example.test rcpts=2 size=312 id=1a2b code=250 enhanced=2.0.0 duration_ms=4
 * session=1 client=127.0.0.1 event=session helo=client.test messages=1 outcome=quit code=221 enhanced=2.0.0 duration_ms=9
 * </pre>
 */
public final class SessionLog implements SessionObserver {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLog.class);

    private final boolean hashAddresses;

    /** @param hashAddresses write mail addresses as {@code sha256:} and 16 hex digits of their hash */
    public SessionLog(boolean hashAddresses) {
        this.hashAddresses = hashAddresses;
    }

    @Override
    public void transactionEnded(TransactionRecord transaction) {
        LogLine line = LogLine.info(LOG)
                .add("session", transaction.session())
                .add("client", transaction.client())
                .add("event", "transaction")
                .add("helo", transaction.helo())
                .add("from", address(transaction.sender()))
                .add("rcpts", transaction.recipients())
                .add("size", transaction.size());
        transaction.messageId().ifPresent(id -> line.add("id", id));
        addReply(line, transaction.result());
        line.add("duration_ms", transaction.duration().toMillis()).log();
    }

    @Override
    public void disconnected(SessionRecord session) {
        LogLine line = LogLine.info(LOG)
                .add("session", session.session())
                .add("client", session.client())
                .add("event", "session")
                .add("helo", session.helo())
                .add("messages", session.messages())
                .add("outcome", session.outcome().label());
        session.lastReply().ifPresent(reply -> addReply(line, reply));
        line.add("duration_ms", session.duration().toMillis()).log();
    }

    private static void addReply(LogLine line, Reply reply) {
        line.add("code", reply.code());
        reply.enhanced().map(EnhancedStatus::toString).ifPresent(enhanced -> line.add("enhanced", enhanced));
    }

    /** The sender as logged: {@code <>} for the null sender, else the address or its hash. */
    private String address(String returnPath) {
        String address = returnPath.substring(1, returnPath.length() - 1);
        if (address.isEmpty() || !hashAddresses) {
            return address.isEmpty() ? "<>" : address;
        }
        return "sha256:" + HexFormat.of().formatHex(sha256(address.toLowerCase(Locale.ROOT)), 0, 8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
