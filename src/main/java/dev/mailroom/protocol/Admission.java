package dev.mailroom.protocol;

/** What the transport decided about a new connection before the greeting. */
public enum Admission {
    ACCEPTED,
    /** The server-wide connection limit is reached. */
    TOO_MANY_CONNECTIONS,
    /** The limit of concurrent connections from this client address is reached. */
    TOO_MANY_FROM_CLIENT,
    /** This client opened more connections per minute than its rate allows. */
    CONNECTION_RATE,
    /** This client earned more 5xx replies than its hourly failure budget allows. */
    TOO_MANY_ERRORS_FROM_CLIENT,
    /** The client sent data before the greeting (an early talker: a bot that does not wait for the server). */
    EARLY_TALKER,
    /** The process is short of memory or file descriptors. */
    OVERLOADED,
    /** The server is shutting down. */
    DRAINING
}
