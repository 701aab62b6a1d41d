package dev.mailroom.protocol;

/**
 * Checks the credentials of an AUTH exchange. Implemented at the edge (users file, failure throttling); the
 * session only turns the verdict into its reply. Called on the session's thread; it may block.
 */
@FunctionalInterface
public interface Authenticator {

    Verdict authenticate(Credentials credentials);

    /** The outcome of a check, and the reply it becomes (RFC 4954 §6). */
    sealed interface Verdict {
        /** 235 2.7.0; {@code user} is the identity the session now acts as. */
        record Accepted(String user) implements Verdict {
        }

        /** 535 5.7.8. */
        record Rejected() implements Verdict {
        }

        /** 454 4.7.0: the back end could not decide now (the users file is unreadable, say). */
        record Unavailable() implements Verdict {
        }

        /** 421 4.7.0 and close: too many failures from this client lately. */
        record TooManyFailures() implements Verdict {
        }
    }
}
