package dev.mailroom.protocol;

/** What became of a message body (DATA, or a BDAT chunk), as the transport reports it to the session. */
public sealed interface BodyOutcome {

    /** The message is durably stored under this id. */
    record Stored(String id) implements BodyOutcome {
    }

    /** A BDAT chunk that is not the last was added to the message. */
    record ChunkAccepted(long octets) implements BodyOutcome {
    }

    /** A refused BDAT chunk was read and dropped. */
    record ChunkDiscarded() implements BodyOutcome {
    }

    /** The message grew past the size limit; everything received was dropped. */
    record TooLarge() implements BodyOutcome {
    }

    /** A bare CR or LF appeared in DATA (SMTP smuggling defence); everything received was dropped. */
    record BareLineEnding() implements BodyOutcome {
    }

    /** Storage failed; {@code outOfSpace} tells a full disk from other errors. Nothing was stored. */
    record StorageFailed(boolean outOfSpace) implements BodyOutcome {
    }
}
