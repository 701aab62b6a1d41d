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
        if (guard.shortage().isPresent()) {
            return Optional.of(Replies.RESOURCES_LOW_452);
        }
        return inner.checkSender(sender);
    }

    @Override
    public Optional<Reply> checkRecipient(Mailbox recipient) {
        return inner.checkRecipient(recipient);
    }
}
