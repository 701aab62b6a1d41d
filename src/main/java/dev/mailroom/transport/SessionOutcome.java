package dev.mailroom.transport;

import java.util.Locale;

/** How a connection ended, as logs and metrics name it. */
public enum SessionOutcome {
    /** The client said QUIT. */
    QUIT,
    /** Refused at the greeting by a connection limit. */
    REFUSED,
    /** Silent past the idle or data timeout: 421 4.4.2. */
    TIMEOUT,
    /** Ended by a graceful shutdown: 421 4.3.2, or closed when the grace period ran out. */
    SHUTDOWN,
    /** Closed by the server after another 421, such as too many errors. */
    CLOSED,
    /** The client went away without QUIT. */
    LOST,
    /** A network error. */
    ERROR;

    /** The lower-case name used in logs and metric tags. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
