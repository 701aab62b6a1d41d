package dev.mailroom.delivery;

import java.util.Locale;

/** Where one recipient of a queued message stands. */
public enum RecipientStatus {
    /** Not tried yet. */
    PENDING,
    /** A next hop took responsibility (2xx after DATA): never tried again. */
    DELIVERED,
    /** A transient failure: tried again at its next-attempt time until the queue lifetime ends. */
    DEFERRED,
    /** A permanent failure, or the queue lifetime ran out: the sender is told (DSN) and it is never tried again. */
    BOUNCED;

    /** True once nothing more will be done for the recipient. */
    public boolean isFinal() {
        return this == DELIVERED || this == BOUNCED;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecipientStatus ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
