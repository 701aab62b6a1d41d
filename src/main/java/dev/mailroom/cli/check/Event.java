package dev.mailroom.cli.check;

import dev.mailroom.reply.EnhancedStatus;
import java.util.List;
import java.util.Optional;

/** One line of a check's transcript: what the client sent, what the server answered, or what happened. */
public sealed interface Event {

    /** The TCP connection is open, to this address ({@code 127.0.0.1:25}). */
    record Connected(String address) implements Event {
    }

    /** A command line the client sent, without its CRLF. */
    record Sent(String command) implements Event {
    }

    /**
     * A complete reply: every line as received (without CRLF), the basic code and the enhanced code of its first
     * line, if any.
     */
    record Received(List<String> lines, int code, Optional<EnhancedStatus> enhanced) implements Event {
        public Received {
            lines = List.copyOf(lines);
        }

        public boolean isPositive() {
            return code < 400;
        }
    }

    /** The connection now runs over TLS. */
    record TlsStarted(String protocol, String cipherSuite) implements Event {
    }

    /** Something other than a reply ended or interrupted the session. */
    record Trouble(Problem problem) implements Event {
    }
}
