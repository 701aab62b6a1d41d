package dev.mailroom.cli.check;

import java.util.Optional;

/** How a check ended, and why: the reply or the problem behind its outcome. */
public sealed interface Verdict {
    Outcome outcome();

    /** Every reply that counted was positive. */
    record Accepted() implements Verdict {
        @Override
        public Outcome outcome() {
            return Outcome.ACCEPTED;
        }
    }

    /** The server refused something; {@code command} is empty for the greeting. */
    record Refused(Event.Received reply, Optional<String> command) implements Verdict {
        @Override
        public Outcome outcome() {
            return Outcome.of(reply);
        }
    }

    /** The session failed without a reply to blame: no connection, a timeout, no STARTTLS, a TLS failure. */
    record Failed(Problem problem, boolean connected) implements Verdict {
        @Override
        public Outcome outcome() {
            return problem.outcome(connected);
        }
    }
}
