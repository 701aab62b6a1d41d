package dev.mailroom.protocol;

import dev.mailroom.reply.Reply;
import java.util.Optional;

/**
 * The site's decisions that the session asks for at MAIL and RCPT. Implemented in the policy layer; the
 * session only turns a refusal into the reply it carries.
 */
public interface SessionPolicy {

    /** A refusal of this sender (for example 452 4.3.1 while storage is short), or empty to accept. */
    Optional<Reply> checkSender(Optional<Mailbox> sender);

    /** A refusal of this recipient (relay denied, unknown user), or empty to accept. */
    Optional<Reply> checkRecipient(Mailbox recipient);

    /**
     * The same for a session whose client authenticated as {@code user} (if it did): a policy may let users
     * relay, and hold them to their own sender addresses. By default the user changes nothing.
     */
    default Optional<Reply> checkSender(Optional<Mailbox> sender, Optional<String> user) {
        return checkSender(sender);
    }

    /** The same for a session whose client authenticated as {@code user} (if it did). */
    default Optional<Reply> checkRecipient(Mailbox recipient, Optional<String> user) {
        return checkRecipient(recipient);
    }

    /**
     * The policy for a session with this client ({@code 192.0.2.1}, {@code 2001:db8::1}): a site may let some
     * clients relay. The default is the same policy for every client.
     */
    default SessionPolicy forClient(String clientAddress) {
        return this;
    }

    /** Accepts every sender and recipient: for tests of the protocol alone. */
    SessionPolicy ACCEPT_ALL = new SessionPolicy() {
        @Override
        public Optional<Reply> checkSender(Optional<Mailbox> sender) {
            return Optional.empty();
        }

        @Override
        public Optional<Reply> checkRecipient(Mailbox recipient) {
            return Optional.empty();
        }
    };
}
