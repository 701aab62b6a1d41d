package dev.mailroom.reply.catalog;

import java.util.Locale;

/** What the client that received a reply should do next. */
public enum ClientAction {
    /** Success or a request for more input: go on with the session. */
    CONTINUE,
    /** A transient failure: keep the message and try again later, with growing intervals. */
    RETRY_LATER,
    /** This host takes no mail (RFC 7504 521): try the domain's other MX hosts; bounce if none accepts. */
    TRY_ANOTHER_HOST,
    /** The client itself got something wrong (syntax, order, credentials, address): correct it, then resend. */
    FIX_AND_RESEND,
    /** A permanent failure: give up on the recipient or message and tell the sender (a DSN, RFC 3464). */
    BOUNCE;

    /** The key of this action in the language files and in codes.toml, e.g. {@code retry_later}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action whose key is {@code key}; throws {@link IllegalArgumentException} for an unknown key. */
    public static ClientAction ofKey(String key) {
        for (ClientAction action : values()) {
            if (action.key().equals(key)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown client action: " + key);
    }
}
