package dev.mailroom.policy;

import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.SessionPolicy;
import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The receiving site's rules: mail is accepted only for the local domains (no open relay) unless the client
 * authenticated, and no new transaction starts while storage is short. An authenticated user sends only as
 * itself (RFC 6409 §6.1) unless the site allows any sender: user {@code alice@example.com} owns exactly that
 * address; a user name without {@code @}, such as {@code alice}, owns {@code alice@} every local domain.
 */
public final class SitePolicy implements SessionPolicy {
    private final Set<String> localDomains;
    private final BooleanSupplier storageHasRoom;
    private final boolean senderMustBelongToUser;
    private final RelayNetworks relayNetworks;
    /** True in the policy of a session whose client is in {@link #relayNetworks}. */
    private final boolean mayRelay;

    /**
     * @param localDomains   domains whose mail is delivered here, any case
     * @param storageHasRoom false when storage is below its free-space margin
     */
    public SitePolicy(Set<String> localDomains, BooleanSupplier storageHasRoom) {
        this(localDomains, storageHasRoom, true);
    }

    /** @param senderMustBelongToUser false to let authenticated users send with any MAIL FROM */
    public SitePolicy(Set<String> localDomains, BooleanSupplier storageHasRoom, boolean senderMustBelongToUser) {
        this(localDomains, storageHasRoom, senderMustBelongToUser, RelayNetworks.NONE);
    }

    /** @param relayNetworks clients that may send to any domain; their mail for other domains is queued for relay */
    public SitePolicy(Set<String> localDomains, BooleanSupplier storageHasRoom, RelayNetworks relayNetworks) {
        this(localDomains, storageHasRoom, true, relayNetworks);
    }

    public SitePolicy(Set<String> localDomains, BooleanSupplier storageHasRoom, boolean senderMustBelongToUser,
                      RelayNetworks relayNetworks) {
        this(localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()),
                storageHasRoom, senderMustBelongToUser, relayNetworks, false);
    }

    private SitePolicy(Set<String> localDomains, BooleanSupplier storageHasRoom, boolean senderMustBelongToUser,
                       RelayNetworks relayNetworks, boolean mayRelay) {
        this.localDomains = localDomains;
        this.storageHasRoom = storageHasRoom;
        this.senderMustBelongToUser = senderMustBelongToUser;
        this.relayNetworks = relayNetworks;
        this.mayRelay = mayRelay;
    }

    /** The policy for one client: the same rules, plus relaying if the client is in a relay network. */
    @Override
    public SessionPolicy forClient(String clientAddress) {
        boolean relays = relayNetworks.contains(clientAddress);
        return relays == mayRelay ? this
                : new SitePolicy(localDomains, storageHasRoom, senderMustBelongToUser, relayNetworks, relays);
    }

    /** True when {@code domain} (any case) is delivered here rather than relayed; empty for the bare postmaster. */
    public boolean isLocal(String domain) {
        return domain.isEmpty() || localDomains.contains(domain.toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<Reply> checkSender(Optional<Mailbox> sender) {
        return storageHasRoom.getAsBoolean() ? Optional.empty() : Optional.of(Replies.INSUFFICIENT_STORAGE_452);
    }

    @Override
    public Optional<Reply> checkSender(Optional<Mailbox> sender, Optional<String> user) {
        if (user.isPresent() && senderMustBelongToUser && !owns(user.get(), sender)) {
            return Optional.of(Replies.SENDER_NOT_OWNED_553.with(sender.map(Mailbox::toString).orElse(""), user.get()));
        }
        return checkSender(sender);
    }

    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient) {
        if (isLocal(recipient) || mayRelay) {
            return Optional.empty();
        }
        return Optional.of(Replies.RELAY_DENIED_554.with(recipient));
    }

    /** Authenticated users may send anywhere (RFC 6409); everyone else only to the local domains. */
    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient, Optional<String> user) {
        return user.isPresent() ? Optional.empty() : checkRecipient(recipient);
    }

    /** True for the bare postmaster and addresses in a local domain. */
    public boolean isLocal(Mailbox recipient) {
        return recipient.isBarePostmaster() || localDomains.contains(recipient.domainKey());
    }

    /** The null sender belongs to nobody: a user's mail carries the user's address. */
    private boolean owns(String user, Optional<Mailbox> sender) {
        if (sender.isEmpty() || sender.get().isBarePostmaster()) {
            return false;
        }
        String address = sender.get().toString().toLowerCase(Locale.ROOT);
        String name = user.toLowerCase(Locale.ROOT);
        if (name.contains("@")) {
            return address.equals(name);
        }
        return sender.get().localPart().toLowerCase(Locale.ROOT).equals(name) && localDomains.contains(sender.get().domainKey());
    }
}
