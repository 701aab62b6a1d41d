package dev.mailroom.protocol;

import java.util.Optional;

/**
 * The DSN parameters of a MAIL command (RFC 3461 §4.3, §4.4), kept with the message for the reports about it.
 *
 * @param ret        {@code RET=}: what a failure report returns; when absent, the MTA chooses (Mailroom: headers)
 * @param envelopeId {@code ENVID=}, decoded: the sender's identifier for this transmission, quoted in every report
 */
public record MessageDsn(Optional<DsnReturn> ret, Optional<String> envelopeId) {
    public static final MessageDsn NONE = new MessageDsn(Optional.empty(), Optional.empty());

    /** True when a failure report should return the whole message. */
    public boolean returnsFullMessage() {
        return ret.filter(value -> value == DsnReturn.FULL).isPresent();
    }

    /** The parameters to add to MAIL when relaying to a host that offers DSN: those the sender gave (RFC 3461 §5.2.1). */
    public String mailParameters() {
        StringBuilder out = new StringBuilder();
        ret.ifPresent(value -> out.append(" RET=").append(value.value()));
        envelopeId.ifPresent(id -> out.append(" ENVID=").append(Xtext.encode(id)));
        return out.toString();
    }
}
