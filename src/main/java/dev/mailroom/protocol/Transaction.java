package dev.mailroom.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One mail transaction's envelope, as the session hands it to storage when the message body starts.
 *
 * @param heloName     the name the client gave in HELO/EHLO
 * @param esmtp        true after EHLO (for the Received header's "with ESMTP")
 * @param tls          true when the message came over TLS (for "with ESMTPS", RFC 3848)
 * @param user         the user the client authenticated as (for "with ESMTPA", and the policy)
 * @param sender       the reverse path; empty for the null sender {@code <>}
 * @param recipients   the accepted forward paths, in order, at least one
 * @param parameters   the MAIL parameters
 * @param recipientDsn the DSN parameters given with each recipient that had any (RFC 3461); a recipient given
 *                     twice keeps the last
 */
public record Transaction(String heloName, boolean esmtp, boolean tls, Optional<String> user, Optional<Mailbox> sender, List<Mailbox> recipients,
                          MailParameters parameters, Map<Mailbox, RecipientDsn> recipientDsn) {
    public Transaction {
        recipients = List.copyOf(recipients);
        recipientDsn = Map.copyOf(recipientDsn);
    }

    /** The same envelope with only these recipients (a message split between local delivery and relay). */
    public Transaction withRecipients(List<Mailbox> subset) {
        return new Transaction(heloName, esmtp, tls, user, sender, subset, parameters, recipientDsn);
    }

    /** The DSN parameters given with {@code recipient}; none when it had none. */
    public RecipientDsn dsnOf(Mailbox recipient) {
        return recipientDsn.getOrDefault(recipient, RecipientDsn.NONE);
    }

    /** The sender as it appears in a Return-Path header: {@code <>} for the null sender. */
    public String returnPath() {
        return "<" + sender.map(Mailbox::toString).orElse("") + ">";
    }
}
