package dev.mailroom.protocol;

import java.util.Locale;

/**
 * A mailbox of an SMTP path (RFC 5321 §4.1.2), already checked by {@link PathParser}.
 *
 * @param localPart the local part as written (quotes kept), case preserved
 * @param domain    the domain or address literal; empty only for the bare {@code <postmaster>} recipient
 */
public record Mailbox(String localPart, String domain) {

    /** {@code RCPT TO:<postmaster>} without a domain must be accepted (RFC 5321 §4.5.1). */
    public boolean isBarePostmaster() {
        return domain.isEmpty();
    }

    /** The domain in lower case, for comparing with the site's domains. */
    public String domainKey() {
        return domain.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return domain.isEmpty() ? localPart : localPart + "@" + domain;
    }
}
