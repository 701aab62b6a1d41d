package dev.mailroom.policy;

import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.SessionPolicy;
import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.util.Optional;

/** Refuses new transactions with 452 4.3.1 while the process is short of a resource; then asks {@code inner}. */
final class GuardedPolicy implements SessionPolicy {
    private final ResourceGuard guard;
    private final SessionPolicy inner;

    GuardedPolicy(ResourceGuard guard, SessionPolicy inner) {
        this.guard = guard;
        this.inner = inner;
    }

    @Override
    public Optional<Reply> checkSender(Optional<Mailbox> sender) {
        return checkSender(sender, Optional.empty());
    }

    @Override
    public Optional<Reply> checkSender(Optional<Mailbox> sender, Optional<String> user) {
        if (guard.shortage().isPresent()) {
            return Optional.of(Replies.RESOURCES_LOW_452);
        }
        return inner.checkSender(sender, user);
    }

    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient) {
        return checkRecipient(recipient, Optional.empty());
    }

    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient, Optional<String> user) {
        return inner.checkRecipient(recipient, user);
    }
}
