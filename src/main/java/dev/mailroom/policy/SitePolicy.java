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

    /**
     * @param localDomains   domains whose mail is delivered here, any case
     * @param storageHasRoom false when storage is below its free-space margin
     */
    public SitePolicy(Set<String> localDomains, BooleanSupplier storageHasRoom) {
        this.localDomains = localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.storageHasRoom = storageHasRoom;
    }

    @Override
    public Optional<Reply> checkSender(Optional<Mailbox> sender) {
        return storageHasRoom.getAsBoolean() ? Optional.empty() : Optional.of(Replies.INSUFFICIENT_STORAGE_452);
    }

    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient) {
        if (recipient.isBarePostmaster() || localDomains.contains(recipient.domainKey())) {
            return Optional.empty();
        }
        return Optional.of(Replies.RELAY_DENIED_554.with(recipient));
    }
}
