package dev.mailroom.delivery;

/**
 * The diagnostics Mailroom writes itself when no remote host gave a reply to quote. Codes follow what Postfix
 * reports in the same situation; enhanced codes are from RFC 3463 and RFC 7505.
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    /** RFC 7505 §4.1: a domain with a null MX takes no mail; bounce at once, without a connection. */
    public static final String NULL_MX = "556 5.1.10 Recipient address has null MX";
    /** The domain does not exist (NXDOMAIN): a permanent addressing failure. */
    public static final String NO_SUCH_DOMAIN = "550 5.1.2 Host or domain name not found";
    /** The domain has neither MX nor address records. */
    public static final String NO_ADDRESS = "550 5.1.2 No MX or address record for the domain";
    /** The DNS lookup failed for now (SERVFAIL, timeout). */
    public static final String DNS_FAILURE = "451 4.4.3 Temporary failure looking up the domain";
    /** No host could be reached: refused, timed out, or the connection dropped. */
    public static final String NO_CONNECTION = "451 4.4.1 No answer from host";
    /** This host is the best MX of the domain it relays to (RFC 5321 §5.1): delivering would loop. */
    public static final String LOOPS_BACK = "554 5.4.6 Mail for the domain loops back to myself";
    /** The queue lifetime ran out while the recipient was deferred (RFC 3463 X.4.7). */
    public static final String EXPIRED_STATUS = "5.4.7";
}
