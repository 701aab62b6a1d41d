package dev.mailroom.protocol;

/**
 * RFC 3461 §4.2 {@code ORCPT}: the recipient address as the sender first gave it, before any forwarding, so a
 * report can name the address the sender knows. Kept decoded; {@link #value()} is the xtext form for the wire.
 *
 * @param addressType the address type as given ({@code rfc822}, {@code utf-8}, ...): any atom is accepted, as
 *                    RFC 3461 §4.2 asks a server to pass on types it does not know
 * @param address     the address, xtext-decoded: printable US-ASCII
 */
public record OriginalRecipient(String addressType, String address) {

    /** The ORCPT parameter value: {@code addr-type;xtext}. */
    public String value() {
        return addressType + ";" + Xtext.encode(address);
    }

    /** As in a report's Original-Recipient field (RFC 3464 §2.3.1): {@code addr-type;address}, decoded. */
    @Override
    public String toString() {
        return addressType + ";" + address;
    }
}
