package dev.mailroom.protocol;

/** What the transport decided about a new connection before the greeting. */
public enum Admission {
    ACCEPTED,
    /** The server-wide connection limit is reached. */
    TOO_MANY_CONNECTIONS,
    /** The limit of concurrent connections from this client address is reached. */
    TOO_MANY_FROM_CLIENT,
    /** The server is shutting down. */
    DRAINING
}
