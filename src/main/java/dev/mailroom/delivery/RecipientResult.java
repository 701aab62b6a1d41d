package dev.mailroom.delivery;

import java.util.Optional;

/**
 * How one recipient came out of one delivery attempt.
 *
 * @param outcome     {@link RecipientStatus#DELIVERED}, {@link RecipientStatus#DEFERRED} or {@link RecipientStatus#BOUNCED}
 * @param diagnostic  the reply that decided it, as received ({@code 550 5.1.1 no such user}), or Mailroom's own
 *                    words when no host replied ({@code 451 4.4.1 connection refused})
 * @param host        the host that gave the reply, if one did
 * @param dsnPassedOn true when delivered to a host that offers DSN, with the recipient's DSN parameters
 */
public record RecipientResult(RecipientStatus outcome, String diagnostic, Optional<String> host, boolean dsnPassedOn) {
    public RecipientResult {
        if (outcome == RecipientStatus.PENDING) {
            throw new IllegalArgumentException("an attempt ends a recipient delivered, deferred or bounced");
        }
        if (dsnPassedOn && outcome != RecipientStatus.DELIVERED) {
            throw new IllegalArgumentException("only a delivered recipient's DSN parameters are passed on");
        }
    }

    /** A result with no DSN parameters passed on. */
    public RecipientResult(RecipientStatus outcome, String diagnostic, Optional<String> host) {
        this(outcome, diagnostic, host, false);
    }
}
