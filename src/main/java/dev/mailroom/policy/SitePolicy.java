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
 * The receiving site's rules: mail is accepted only for the local domains (no open relay), and no new
 * transaction starts while storage is short.
 */
public final class SitePolicy implements SessionPolicy {
    private final Set<String> localDomains;
    private final BooleanSupplier storageHasRoom;
    private final RelayNetworks relayNetworks;
    /** True in the policy of a session whose client is in {@link #relayNetworks}. */
    private final boolean mayRelay;

    /**
     * @param localDomains   domains whose mail is delivered here, any case
     * @param storageHasRoom false when storage is below its free-space margin
     */
    public SitePolicy(Set<String> localDomains, BooleanSupplier storageHasRoom) {
        this(localDomains, storageHasRoom, RelayNetworks.NONE);
    }

    /** @param relayNetworks clients that may send to any domain; their mail for other domains is queued for relay */
    public SitePolicy(Set<String> localDomains, BooleanSupplier storageHasRoom, RelayNetworks relayNetworks) {
        this(localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()),
                storageHasRoom, relayNetworks, false);
    }

    private SitePolicy(Set<String> localDomains, BooleanSupplier storageHasRoom, RelayNetworks relayNetworks, boolean mayRelay) {
        this.localDomains = localDomains;
        this.storageHasRoom = storageHasRoom;
        this.relayNetworks = relayNetworks;
        this.mayRelay = mayRelay;
    }

    /** The policy for one client: the same rules, plus relaying if the client is in a relay network. */
    @Override
    public SessionPolicy forClient(String clientAddress) {
        boolean relays = relayNetworks.contains(clientAddress);
        return relays == mayRelay ? this : new SitePolicy(localDomains, storageHasRoom, relayNetworks, relays);
    }

    /** True when {@code domain} (any case) is delivered here rather than relayed. */
    public boolean isLocal(String domain) {
        return domain.isEmpty() || localDomains.contains(domain.toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<Reply> checkSender(Optional<Mailbox> sender) {
        return storageHasRoom.getAsBoolean() ? Optional.empty() : Optional.of(Replies.INSUFFICIENT_STORAGE_452);
    }

    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient) {
        if (recipient.isBarePostmaster() || localDomains.contains(recipient.domainKey()) || mayRelay) {
            return Optional.empty();
        }
        return Optional.of(Replies.RELAY_DENIED_554.with(recipient));
    }
}
