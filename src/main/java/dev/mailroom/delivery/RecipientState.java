package dev.mailroom.delivery;

import dev.mailroom.protocol.RecipientDsn;
import java.time.Instant;
import java.util.Optional;

/**
 * One recipient of a queued message, as the queue keeps it between attempts.
 *
 * <p>Transitions: PENDING or DEFERRED, after an attempt, become DELIVERED, BOUNCED, or DEFERRED with a next
 * attempt from the {@link RetrySchedule}; a DEFERRED recipient whose message has outlived the queue lifetime
 * becomes BOUNCED. DELIVERED and BOUNCED are final: {@link #after} refuses to move them, so a delivered
 * recipient is never delivered again.
 *
 * @param address     the recipient's address, as in RCPT TO
 * @param dsn         the DSN parameters it was given (RFC 3461 NOTIFY and ORCPT)
 * @param status      where it stands
 * @param failures    how many attempts failed transiently so far
 * @param nextAttempt when it is due (PENDING: at once; DEFERRED: the schedule's time); empty when final
 * @param lastReply   the reply that decided its last attempt, if any ({@code 451 4.7.1 try again later})
 * @param remoteHost  the host that gave {@code lastReply}, if a host did
 * @param expired     true when it bounced because the queue lifetime ran out
 * @param dsnPassedOn true when it was delivered to a host that offers DSN and was given its DSN parameters: a
 *                    success report, if one was asked for, is that host's to send (RFC 3461 §5.2.1)
 */
public record RecipientState(String address, RecipientDsn dsn, RecipientStatus status, int failures, Optional<Instant> nextAttempt,
                             Optional<String> lastReply, Optional<String> remoteHost, boolean expired, boolean dsnPassedOn) {

    /** A new recipient, due at once. */
    public static RecipientState pending(String address, RecipientDsn dsn, Instant now) {
        return new RecipientState(address, dsn, RecipientStatus.PENDING, 0, Optional.of(now), Optional.empty(),
                Optional.empty(), false, false);
    }

    /** A recipient in a local domain, put in its mailbox by this host when the message was received. */
    public static RecipientState deliveredHere(String address, RecipientDsn dsn) {
        return new RecipientState(address, dsn, RecipientStatus.DELIVERED, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                false, false);
    }

    /** True when this recipient should be tried at {@code now}. */
    public boolean isDue(Instant now) {
        return !status.isFinal() && nextAttempt.map(next -> !next.isAfter(now)).orElse(true);
    }

    /** True when the sender asked to hear of its delivery and no host took that over: a relayed report is due. */
    public boolean owesSuccessReport() {
        return status == RecipientStatus.DELIVERED && dsn.reportsSuccess() && !dsnPassedOn;
    }

    /** The state after an attempt at {@code now} ended with {@code result}, for a message queued at {@code queuedAt}. */
    public RecipientState after(RecipientResult result, Instant queuedAt, Instant now, RetrySchedule schedule) {
        if (status.isFinal()) {
            throw new IllegalStateException(address + " is already " + status.key());
        }
        Optional<String> reply = Optional.of(result.diagnostic());
        return switch (result.outcome()) {
            case DELIVERED, BOUNCED -> new RecipientState(address, dsn, result.outcome(), failures, Optional.empty(), reply,
                    result.host(), false, result.dsnPassedOn());
            case DEFERRED -> {
                int failed = failures + 1;
                Optional<Instant> next = schedule.nextAttempt(queuedAt, failed, now);
                yield next.isPresent()
                        ? new RecipientState(address, dsn, RecipientStatus.DEFERRED, failed, next, reply, result.host(), false, false)
                        : new RecipientState(address, dsn, RecipientStatus.BOUNCED, failed, Optional.empty(), reply, result.host(), true,
                                false);
            }
            case PENDING -> throw new IllegalArgumentException("an attempt never leaves a recipient pending");
        };
    }

    /** The same recipient, due at {@code now} ({@code mailroom queue retry}); final states stay as they are. */
    public RecipientState dueAt(Instant now) {
        return status.isFinal() ? this : new RecipientState(address, dsn, status, failures, Optional.of(now), lastReply, remoteHost, expired,
                dsnPassedOn);
    }
}
