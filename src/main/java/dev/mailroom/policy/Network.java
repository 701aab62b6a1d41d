package dev.mailroom.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An address block in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}); a bare address is a /32 or /128. */
public record Network(InetAddress base, int prefix) {
    /** Address literals only: parsing never makes a DNS query. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public Network {
        int bits = base.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range for " + base.getHostAddress());
        }
    }

    /** Parses {@code address[/prefix]}; throws {@link IllegalArgumentException} with the reason. */
    public static Network parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("expected a network such as 192.0.2.0/24 or 2001:db8::/32, got '" + text + "'");
        }
        InetAddress base;
        try {
            base = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + address + "'");
        }
        int bits = base.getAddress().length * 8;
        try {
            return new Network(base, slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: '" + trimmed.substring(slash + 1) + "'");
        }
    }

    /** True if {@code address} is in this block (an IPv4 address is never in an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] b = base.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int bits = prefix;
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (b[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return AddressText.of(base) + "/" + prefix;
    }
}
