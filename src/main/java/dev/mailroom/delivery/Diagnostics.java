package dev.mailroom.delivery;

import dev.mailroom.reply.Replies;

/**
 * The diagnostics Mailroom writes itself when no remote host gave a reply to quote, as reply lines. They are
 * {@link Replies} templates like every other reply, so the catalogue explains each. Codes follow what Postfix
 * reports in the same situation; enhanced codes are from RFC 3463 and RFC 7505.
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    /** RFC 7505 §4.1: a domain with a null MX takes no mail; bounce at once, without a connection. */
    public static final String NULL_MX = Replies.NULL_MX_556.toString();
    /** The domain does not exist (NXDOMAIN): a permanent addressing failure. */
    public static final String NO_SUCH_DOMAIN = Replies.DOMAIN_NOT_FOUND_550.toString();
    /** The domain has neither MX nor address records. */
    public static final String NO_ADDRESS = Replies.NO_MAIL_HOST_550.toString();
    /** The DNS lookup failed for now (SERVFAIL, timeout). */
    public static final String DNS_FAILURE = Replies.DNS_LOOKUP_FAILED_451.toString();
    /** No host could be reached: refused, timed out, or the connection dropped. */
    public static final String NO_CONNECTION = Replies.NO_ANSWER_FROM_HOST_451.toString();
    /** This host is the best MX of the domain it relays to (RFC 5321 §5.1): delivering would loop. */
    public static final String LOOPS_BACK = Replies.MAIL_LOOPS_BACK_554.toString();
    /** The queue lifetime ran out while the recipient was deferred (RFC 3463 X.4.7). */
    public static final String EXPIRED_STATUS = "5.4.7";
}
