package dev.mailroom.cli.check;

import java.util.Locale;

/**
 * Why a session ended without a reply to show for it.
 *
 * @param detail what the kind's message needs: a host name, an address, a duration, or the system's own message
 */
public record Problem(Kind kind, String detail) {

    /** Each kind with what it means for the verdict once the connection is open. */
    public enum Kind {
        UNKNOWN_HOST(Outcome.UNREACHABLE),
        REFUSED(Outcome.UNREACHABLE),
        /** No answer in time: a connection that did not open, or a reply that did not come. */
        TIMED_OUT(Outcome.TRANSIENT),
        CLOSED(Outcome.TRANSIENT),
        /** What came back is not SMTP (an HTTP or SSH server on that port, say): retrying will not help. */
        NOT_SMTP(Outcome.PERMANENT),
        /** The user asked for STARTTLS and the server does not offer it: a client requiring TLS sends nothing. */
        NO_STARTTLS(Outcome.PERMANENT),
        /** Mostly a certificate the client does not trust, which stays so until someone changes it. */
        TLS_FAILED(Outcome.PERMANENT),
        NETWORK(Outcome.TRANSIENT);

        private final Outcome duringSession;

        Kind(Outcome duringSession) {
            this.duringSession = duringSession;
        }

        /** The key of this kind's message among the labels, e.g. {@code timed_out}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What this problem means for the verdict, given whether the connection had opened. */
    public Outcome outcome(boolean connected) {
        return connected ? kind.duringSession : Outcome.UNREACHABLE;
    }
}
