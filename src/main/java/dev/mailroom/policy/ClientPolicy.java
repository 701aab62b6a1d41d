package dev.mailroom.policy;

import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.SessionPolicy;
import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One connection's view of the site policy, for a client not on the allow list. At MAIL: the message rate,
 * the deny lists, the DNS blocklists (asked once per connection), then the site's own rules. At RCPT: the
 * recipient rate, the site's rules (a relay attempt is refused outright, never greylisted), then greylisting.
 * A sender from an allowed domain skips the blocklists and greylisting, not the rates or the deny lists; an
 * authenticated client skips the lists, blocklists and greylisting, not the rates.
 *
 * <p>Over a rate, MAIL and RCPT get 451 4.7.1: transient, so a legitimate sender's queue simply retries later.
 * A denied or blocklisted client gets 554 5.7.1 with the reason.
 *
 * <p>Remembers the sender of the transaction in progress, for the greylisting triplet. One per connection;
 * not thread-safe, like the session that calls it.
 */
final class ClientPolicy implements SessionPolicy {
    private final ClientProtection protection;
    private final InetAddress address;
    private final ClientKey client;
    private final String network;
    private final SessionPolicy site;
    private String sender = "";
    private boolean senderAllowed;
    private int rateRefusals;
    /** The blocklists' verdict, asked at the first MAIL that needs it. */
    private boolean blocklistsAsked;
    private Optional<Reply> blocklisted = Optional.empty();

    ClientPolicy(ClientProtection protection, InetAddress address, SessionPolicy site) {
        this.protection = protection;
        this.address = address;
        this.client = protection.keyOf(address);
        this.network = GreylistNetwork.of(address, protection.config().ipv6Prefix());
        this.site = site;
    }

    @Override
    public Optional<Reply> checkSender(Optional<Mailbox> sender) {
        return checkSender(sender, Optional.empty());
    }

    /** An authenticated user's client skips the deny lists and blocklists, not the rates. */
    @Override
    public Optional<Reply> checkSender(Optional<Mailbox> sender, Optional<String> user) {
        if (protection.messages().isPresent() && !protection.messages().get().tryTake(client)) {
            return overRate(Replies.MESSAGE_RATE_451);
        }
        AccessLists lists = protection.config().lists();
        boolean allowed = user.isPresent() || sender.isPresent() && lists.allowsSender(sender.get());
        if (user.isEmpty()) {
            if (lists.deniesClient(address)) {
                return Optional.of(Replies.CLIENT_DENIED_554.with(address.getHostAddress()));
            }
            if (sender.isPresent() && lists.deniesSender(sender.get())) {
                return Optional.of(Replies.SENDER_DENIED_554.with(sender.get()));
            }
        }
        if (!allowed) {
            Optional<Reply> listed = blocklisted();
            if (listed.isPresent()) {
                return listed;
            }
        }
        Optional<Reply> refusal = site.checkSender(sender, user);
        if (refusal.isEmpty()) {
            this.sender = sender.map(ClientPolicy::normalized).orElse("");
            this.senderAllowed = allowed;
        }
        return refusal;
    }

    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient) {
        return checkRecipient(recipient, Optional.empty());
    }

    /** An authenticated user is known, so its mail is never greylisted. */
    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient, Optional<String> user) {
        if (protection.recipients().isPresent() && !protection.recipients().get().tryTake(client)) {
            return overRate(Replies.RECIPIENT_RATE_451);
        }
        Optional<Reply> refusal = site.checkRecipient(recipient, user);
        if (refusal.isPresent() || protection.greylist().isEmpty() || senderAllowed || user.isPresent()) {
            return refusal;
        }
        return switch (protection.greylist().get().check(new GreylistStore.Triplet(network, sender, normalized(recipient)))) {
            case Greylist.Verdict.Pass pass -> Optional.empty();
            case Greylist.Verdict.Wait wait -> Optional.of(Replies.GREYLISTED_451.with(seconds(wait.retryAfter())));
        };
    }

    /**
     * The 451 for a command over its rate; once a client has kept going past {@code rate-refusals} of them in
     * one session it is clearly not a queue that backs off, and gets 421 4.7.0 and the channel closed.
     */
    private Optional<Reply> overRate(Reply refusal) {
        rateRefusals++;
        int limit = protection.config().rateRefusals();
        if (limit > 0 && rateRefusals > limit) {
            return Optional.of(Replies.RATE_ABUSE_421.with(protection.hostname()));
        }
        return Optional.of(refusal);
    }

    private Optional<Reply> blocklisted() {
        if (!blocklistsAsked) {
            blocklistsAsked = true;
            for (Blocklist list : protection.blocklists()) {
                Optional<String> reason = list.lookup(address);
                if (reason.isPresent()) {
                    blocklisted = Optional.of(Replies.CLIENT_BLOCKLISTED_554.with(address.getHostAddress(), list.name(), reason.get()));
                    break;
                }
            }
        }
        return blocklisted;
    }

    /** Whole seconds, rounded up: "try again in 0 seconds" would be a lie. */
    private static long seconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }

    private static String normalized(Mailbox mailbox) {
        return mailbox.toString().toLowerCase(Locale.ROOT);
    }
}
