package dev.mailroom.transport;

import dev.mailroom.protocol.BodyOutcome;
import dev.mailroom.protocol.TraceHeaders;
import dev.mailroom.protocol.Transaction;
import dev.mailroom.storage.MessageWriter;
import dev.mailroom.storage.StorageErrors;
import dev.mailroom.storage.StoredMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message being received: its writer (none if storage refused to start it) and its body, guarded so that a
 * storage failure mid-body is remembered rather than thrown at the reader of the socket. The body is read to
 * its end either way; {@link #commit} then turns any failure into 451 or 452 and keeps nothing.
 */
final class IncomingMessage {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingMessage.class);

    private final Optional<MessageWriter> writer;
    private final GuardedOutputStream body;

    private IncomingMessage(Optional<MessageWriter> writer, GuardedOutputStream body) {
        this.writer = writer;
        this.body = body;
    }

    /** Starts storing a message, its Received header first (RFC 5321 §4.4). */
    static IncomingMessage begin(ConnectionServices services, Transaction transaction, String client) {
        MessageWriter writer;
        try {
            writer = services.store().begin(transaction);
        } catch (IOException e) {
            return new IncomingMessage(Optional.empty(), GuardedOutputStream.failed(e));
        }
        GuardedOutputStream body = new GuardedOutputStream(writer.body());
        byte[] received = TraceHeaders.received(transaction, client, services.session().hostname(), writer.id(),
                ZonedDateTime.now()).getBytes(StandardCharsets.UTF_8);
        body.write(received, 0, received.length);
        return new IncomingMessage(Optional.of(writer), body);
    }

    GuardedOutputStream body() {
        return body;
    }

    /** Keeps nothing of it. */
    void abort() {
        writer.ifPresent(MessageWriter::abort);
    }

    /**
     * Commits unless writing failed, then tells the server's listeners; a failure of either kind becomes 451 or
     * 452 and nothing is kept.
     */
    BodyOutcome commit(ConnectionServices services, String sessionId, String client) {
        Optional<IOException> failure = body.failure();
        if (writer.isPresent() && failure.isEmpty()) {
            try {
                StoredMessage stored = writer.get().commit();
                notifyStored(services, sessionId, stored);
                return new BodyOutcome.Stored(stored.id());
            } catch (IOException e) {
                failure = Optional.of(e);
            }
        }
        abort();
        IOException error = failure.orElseThrow();
        LOG.warn("session={} client={} event=storage-error stage=write reason=\"{}\"", sessionId, client, error.toString());
        return new BodyOutcome.StorageFailed(StorageErrors.isOutOfSpace(error));
    }

    private static void notifyStored(ConnectionServices services, String sessionId, StoredMessage stored) {
        try {
            services.onStored().accept(stored);
        } catch (RuntimeException e) {
            LOG.warn("session={} event=listener-error id={}", sessionId, stored.id(), e);   // the message is safe anyway
        }
    }
}
