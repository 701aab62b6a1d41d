package dev.mailroom.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mail transaction a session is assembling: MAIL's sender and parameters, the recipients accepted so far
 * (with their DSN parameters), whether one was refused, and the octets of the BDAT chunks received.
 */
final class Envelope {
    private Optional<Mailbox> sender = Optional.empty();
    private MailParameters parameters = MailParameters.NONE;
    private final List<Mailbox> recipients = new ArrayList<>();
    private final Map<Mailbox, RecipientDsn> recipientDsn = new HashMap<>();
    private boolean recipientRefused;
    private long chunkedOctets;

    void begin(Optional<Mailbox> sender, MailParameters parameters) {
        this.sender = sender;
        this.parameters = parameters;
    }

    void addRecipient(Mailbox recipient, RecipientDsn dsn) {
        recipients.add(recipient);
        recipientDsn.put(recipient, dsn);
    }

    /** A RCPT was refused: if none is accepted, DATA gets 554 rather than 503 (RFC 5321 §3.3). */
    void recipientRefused() {
        recipientRefused = true;
    }

    boolean anyRecipientRefused() {
        return recipientRefused;
    }

    int recipientCount() {
        return recipients.size();
    }

    MailParameters parameters() {
        return parameters;
    }

    void chunkReceived(long octets) {
        chunkedOctets += octets;
    }

    long chunkedOctets() {
        return chunkedOctets;
    }

    void clear() {
        sender = Optional.empty();
        parameters = MailParameters.NONE;
        recipients.clear();
        recipientDsn.clear();
        recipientRefused = false;
        chunkedOctets = 0;
    }

    /** The transaction so far, with what the session knows of its client. */
    Transaction transaction(String heloName, boolean esmtp, boolean tlsActive, Optional<String> user) {
        return new Transaction(heloName, esmtp, tlsActive, user, sender, recipients, parameters, recipientDsn);
    }
}
