package dev.mailroom.queue;

import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.protocol.BodyType;
import dev.mailroom.protocol.MessageDsn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One queued message: its envelope and where each recipient stands. The body lives beside it in the queue
 * ({@link MailQueue#openMessage}).
 *
 * @param id         the queue id, also in the 250 reply
 * @param queuedAt   when it was accepted; the queue lifetime counts from here
 * @param sender     the envelope sender; empty for the null sender {@code <>}, whose failures are never bounced
 * @param dsn        the sender's DSN parameters for the message (RFC 3461 RET and ENVID)
 * @param body       the {@code BODY=} type the sender declared (RFC 6152, RFC 3030), for the next hop's MAIL
 * @param smtpUtf8   true when the sender gave {@code SMTPUTF8} (RFC 6531)
 * @param recipients one state per recipient, in RCPT order
 * @param delayWarned true once the sender was told the message is delayed (sent at most once)
 */
public record QueueEntry(String id, Instant queuedAt, Optional<String> sender, MessageDsn dsn, BodyType body, boolean smtpUtf8,
                         List<RecipientState> recipients, boolean delayWarned) {
    public QueueEntry {
        recipients = List.copyOf(recipients);
    }

    /** The same entry, marked as having sent its delay warning. */
    public QueueEntry warned() {
        return new QueueEntry(id, queuedAt, sender, dsn, body, smtpUtf8, recipients, true);
    }

    /** True when every recipient is delivered or bounced. */
    public boolean isDone() {
        return recipients.stream().allMatch(recipient -> recipient.status().isFinal());
    }

    /** The earliest time a recipient is due, if any is still open. */
    public Optional<Instant> nextAttempt() {
        return recipients.stream().filter(recipient -> !recipient.status().isFinal())
                .map(recipient -> recipient.nextAttempt().orElse(queuedAt)).min(Instant::compareTo);
    }

    /** The recipient of this address. */
    public Optional<RecipientState> recipient(String address) {
        return recipients.stream().filter(recipient -> recipient.address().equals(address)).findFirst();
    }

    /** The recipients due at {@code now}. */
    public List<RecipientState> due(Instant now) {
        return recipients.stream().filter(recipient -> recipient.isDue(now)).toList();
    }

    public long count(RecipientStatus status) {
        return recipients.stream().filter(recipient -> recipient.status() == status).count();
    }

    /** The same entry with {@code change} applied to the recipient of this address. */
    public QueueEntry withRecipient(String address, UnaryOperator<RecipientState> change) {
        List<RecipientState> changed = new ArrayList<>(recipients.size());
        for (RecipientState recipient : recipients) {
            changed.add(recipient.address().equals(address) ? change.apply(recipient) : recipient);
        }
        return new QueueEntry(id, queuedAt, sender, dsn, body, smtpUtf8, changed, delayWarned);
    }

    /** The same entry with every open recipient due at {@code now}. */
    public QueueEntry dueAt(Instant now) {
        return new QueueEntry(id, queuedAt, sender, dsn, body, smtpUtf8, recipients.stream().map(recipient -> recipient.dueAt(now)).toList(),
                delayWarned);
    }
}
