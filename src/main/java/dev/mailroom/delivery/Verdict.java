package dev.mailroom.delivery;

/** What the delivery agent does after one reply from the next hop ({@link DeliveryRules}). */
public enum Verdict {
    /** Go on with the session. */
    CONTINUE,
    /** Close this connection and try the next host; transient if no host is left (421, 4xx greeting, no connection). */
    NEXT_HOST,
    /** This host accepts no mail (521 or another 5xx greeting): try the next host; bounce if none accepts. */
    HOST_REFUSES,
    /** A transient failure for the recipient (or the whole transaction): keep it queued and retry later. */
    DEFER,
    /** A permanent failure for the recipient (or the whole transaction): bounce now, with a DSN. */
    BOUNCE
}
