package dev.mailroom.protocol;

import java.util.Optional;

/**
 * The DSN parameters of a RCPT command (RFC 3461 §4.1, §4.2), kept with the recipient until it is settled.
 *
 * @param notifyOn          {@code NOTIFY=}; when absent, failures and delays are reported at the MTA's discretion
 *                          (RFC 3461 §4.1), which Mailroom does, and success is not
 * @param originalRecipient {@code ORCPT=}: the address the sender first gave
 */
public record RecipientDsn(Optional<Notify> notifyOn, Optional<OriginalRecipient> originalRecipient) {
    public static final RecipientDsn NONE = new RecipientDsn(Optional.empty(), Optional.empty());

    /** True unless NOTIFY was given without FAILURE (NEVER included). */
    public boolean reportsFailure() {
        return notifyOn.map(Notify::failure).orElse(true);
    }

    /** True unless NOTIFY was given without DELAY. */
    public boolean reportsDelay() {
        return notifyOn.map(Notify::delay).orElse(true);
    }

    /** True only when NOTIFY asked for SUCCESS. */
    public boolean reportsSuccess() {
        return notifyOn.map(Notify::success).orElse(false);
    }

    /**
     * The parameters to add to RCPT when relaying to a host that offers DSN: those the sender gave, unchanged
     * (RFC 3461 §5.2.1: NOTIFY only if it was given).
     */
    public String rcptParameters() {
        StringBuilder out = new StringBuilder();
        notifyOn.ifPresent(value -> out.append(" NOTIFY=").append(value.value()));
        originalRecipient.ifPresent(original -> out.append(" ORCPT=").append(original.value()));
        return out.toString();
    }
}
