package dev.mailroom.policy;

import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.SessionPolicy;
import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One connection's view of the site policy: the client's message and recipient rates in front of the site's
 * own rules, and greylisting after them (a relay attempt is refused outright, never greylisted). Over a rate,
 * MAIL and RCPT get 451 4.7.1: transient, so a legitimate sender's queue simply retries later.
 *
 * <p>Remembers the sender of the transaction in progress, for the greylisting triplet. One per connection;
 * not thread-safe, like the session that calls it.
 */
final class ClientPolicy implements SessionPolicy {
    private final ClientKey client;
    private final String network;
    private final Optional<RateTable> messages;
    private final Optional<RateTable> recipients;
    private final Optional<Greylist> greylist;
    private final SessionPolicy site;
    private String sender = "";

    ClientPolicy(ClientKey client, String network, Optional<RateTable> messages, Optional<RateTable> recipients,
                 Optional<Greylist> greylist, SessionPolicy site) {
        this.client = client;
        this.network = network;
        this.messages = messages;
        this.recipients = recipients;
        this.greylist = greylist;
        this.site = site;
    }

    @Override
    public Optional<Reply> checkSender(Optional<Mailbox> sender) {
        if (messages.isPresent() && !messages.get().tryTake(client)) {
            return Optional.of(Replies.MESSAGE_RATE_451);
        }
        Optional<Reply> refusal = site.checkSender(sender);
        if (refusal.isEmpty()) {
            this.sender = sender.map(ClientPolicy::normalized).orElse("");
        }
        return refusal;
    }

    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient) {
        if (recipients.isPresent() && !recipients.get().tryTake(client)) {
            return Optional.of(Replies.RECIPIENT_RATE_451);
        }
        Optional<Reply> refusal = site.checkRecipient(recipient);
        if (refusal.isPresent() || greylist.isEmpty()) {
            return refusal;
        }
        return switch (greylist.get().check(new GreylistStore.Triplet(network, sender, normalized(recipient)))) {
            case Greylist.Verdict.Pass pass -> Optional.empty();
            case Greylist.Verdict.Wait wait -> Optional.of(Replies.GREYLISTED_451.with(seconds(wait.retryAfter())));
        };
    }

    /** Whole seconds, rounded up: "try again in 0 seconds" would be a lie. */
    private static long seconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    private static String normalized(Mailbox mailbox) {
        return mailbox.toString().toLowerCase(Locale.ROOT);
    }
}
