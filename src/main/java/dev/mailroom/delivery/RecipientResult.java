package dev.mailroom.delivery;

import java.util.Optional;

/**
 * How one recipient came out of one delivery attempt.
 *
 * @param outcome    {@link RecipientStatus#DELIVERED}, {@link RecipientStatus#DEFERRED} or {@link RecipientStatus#BOUNCED}
 * @param diagnostic the reply that decided it, as received ({@code 550 5.1.1 no such user}), or Mailroom's own
 *                   words when no host replied ({@code 451 4.4.1 connection refused})
 * @param host       the host that gave the reply, if one did
 */
public record RecipientResult(RecipientStatus outcome, String diagnostic, Optional<String> host) {
    public RecipientResult {
        if (outcome == RecipientStatus.PENDING) {
            throw new IllegalArgumentException("an attempt ends a recipient delivered, deferred or bounced");
        }
    }
}
