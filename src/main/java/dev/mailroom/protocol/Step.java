package dev.mailroom.protocol;

import dev.mailroom.reply.Reply;
import java.util.Optional;

/**
 * What the session asks the transport to do next: send {@code reply} (if any), then carry out {@code next}.
 */
public record Step(Optional<Reply> reply, Next next) {

    static Step reply(Reply reply) {
        return new Step(Optional.of(reply), reply.closesChannel() ? Next.CLOSE : Next.READ_COMMAND);
    }

    static Step then(Reply reply, Next next) {
        return new Step(Optional.of(reply), next);
    }

    static Step silently(Next next) {
        return new Step(Optional.empty(), next);
    }

    /** The transport's next task. */
    public sealed interface Next {
        /** Read the next command line. */
        Next READ_COMMAND = new ReadCommand();
        /** Flush the reply and close the connection. */
        Next CLOSE = new Close();

        record ReadCommand() implements Next {
        }

        record Close() implements Next {
        }

        /** Stream the DATA body (dot-stuffed, ended by CRLF.CRLF, at most {@code maxSize} octets) into storage. */
        record ReceiveData(Transaction transaction, long maxSize) implements Next {
        }

        /** Read exactly {@code size} octets of a BDAT chunk into the transaction's message. */
        record ReceiveChunk(Transaction transaction, long size, boolean last) implements Next {
        }

        /**
         * Flush the reply (220 to STARTTLS), discard every octet the client sent after the STARTTLS line (they
         * were sent in plain text and must never be taken for commands, CVE-2011-0411), run the TLS handshake as
         * the server, then report success with {@link SmtpSession#tlsStarted()}; if the handshake fails, close.
         */
        record StartTls() implements Next {
        }

        /** Read and drop {@code size} octets of a BDAT chunk that was refused, then ask for the reply. */
        record DiscardChunk(long size) implements Next {
        }
    }
}
