package dev.mailroom.protocol;

import java.util.List;
import java.util.Optional;

/**
 * One mail transaction's envelope, as the session hands it to storage when the message body starts.
 *
 * @param heloName   the name the client gave in HELO/EHLO
 * @param esmtp      true after EHLO (for the Received header's "with ESMTP")
 * @param tls        true when the message came over TLS (for "with ESMTPS", RFC 3848)
 * @param user       the user the client authenticated as (for "with ESMTPA", and the policy)
 * @param sender     the reverse path; empty for the null sender {@code <>}
 * @param recipients the accepted forward paths, in order, at least one
 * @param parameters the MAIL parameters
 */
public record Transaction(String heloName, boolean esmtp, boolean tls, Optional<String> user, Optional<Mailbox> sender, List<Mailbox> recipients,
                          MailParameters parameters) {
    public Transaction {
        recipients = List.copyOf(recipients);
    }

    /** The same envelope with only these recipients (a message split between local delivery and relay). */
    public Transaction withRecipients(List<Mailbox> subset) {
        return new Transaction(heloName, esmtp, tls, user, sender, subset, parameters);
    }

    /** The sender as it appears in a Return-Path header: {@code <>} for the null sender. */
    public String returnPath() {
        return "<" + sender.map(Mailbox::toString).orElse("") + ">";
    }
}
