package dev.mailroom.protocol;

import dev.mailroom.reply.Reply;
import java.util.Optional;

/**
 * A parsed command line. The session dispatches on this sealed type with an exhaustive switch; a command
 * whose verb was recognised but whose arguments were not is {@link Malformed}, so the session can still
 * apply the verb's sequence rules first (a MAIL out of order is 503 whatever its arguments).
 */
public sealed interface Command {

    /** The verb, for sequence checks and logs. */
    Verb verb();

    record Hello(Verb verb, String domain) implements Command {
    }

    record Mail(Optional<Mailbox> sender, MailParameters parameters) implements Command {
        public Verb verb() {
            return Verb.MAIL;
        }
    }

    /** RCPT, with the recipient's DSN parameters (RFC 3461). */
    record Recipient(Mailbox recipient, RecipientDsn dsn) implements Command {
        public Verb verb() {
            return Verb.RCPT;
        }
    }

    record Data() implements Command {
        public Verb verb() {
            return Verb.DATA;
        }
    }

    /** RFC 3030 CHUNKING: {@code size} octets follow the command line. */
    record Bdat(long size, boolean last) implements Command {
        public Verb verb() {
            return Verb.BDAT;
        }
    }

    /** RFC 3207: upgrade the connection to TLS. */
    record StartTls() implements Command {
        public Verb verb() {
            return Verb.STARTTLS;
        }
    }

    /** RFC 4954: {@code AUTH mechanism [initial-response]}; the response is still base64. */
    record Auth(String mechanism, Optional<String> initialResponse) implements Command {
        public Verb verb() {
            return Verb.AUTH;
        }

        @Override
        public String toString() {
            return "Auth[mechanism=" + mechanism + "]";   // the initial response may hold a password
        }
    }

    /** Commands whose only effect is their reply or a reset: RSET, NOOP, QUIT, VRFY, HELP, EXPN. */
    record Simple(Verb verb) implements Command {
    }

    /** A command Mailroom knows of but does not offer (TURN, ETRN, ...). */
    record NotImplemented(Verb verb, String name) implements Command {
    }

    record Unrecognized() implements Command {
        public Verb verb() {
            return Verb.UNKNOWN;
        }
    }

    /** A recognised verb whose arguments were wrong; {@code reply} says how. */
    record Malformed(Verb verb, Reply reply) implements Command {
    }
}
