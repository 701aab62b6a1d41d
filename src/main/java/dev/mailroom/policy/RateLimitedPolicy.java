package dev.mailroom.policy;

import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.SessionPolicy;
import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.util.Optional;

/**
 * One client's message and recipient rates, checked before the site's own rules. Over the rate, MAIL and
 * RCPT get 451 4.7.1: transient, so a legitimate sender's queue simply retries later.
 */
final class RateLimitedPolicy implements SessionPolicy {
    private final ClientKey client;
    private final Optional<RateTable> messages;
    private final Optional<RateTable> recipients;
    private final SessionPolicy site;

    RateLimitedPolicy(ClientKey client, Optional<RateTable> messages, Optional<RateTable> recipients, SessionPolicy site) {
        this.client = client;
        this.messages = messages;
        this.recipients = recipients;
        this.site = site;
    }

    @Override
    public Optional<Reply> checkSender(Optional<Mailbox> sender) {
        if (messages.isPresent() && !messages.get().tryTake(client)) {
            return Optional.of(Replies.MESSAGE_RATE_451);
        }
        return site.checkSender(sender);
    }

    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient) {
        if (recipients.isPresent() && !recipients.get().tryTake(client)) {
            return Optional.of(Replies.RECIPIENT_RATE_451);
        }
        return site.checkRecipient(recipient);
    }
}
