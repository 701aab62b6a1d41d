package dev.mailroom.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client networks allowed to relay ({@code --relay-network CIDR}, repeatable): mail from them for a domain
 * that is not local is queued for delivery instead of refused with 554 5.7.1. Empty means no open relay at all.
 */
public final class RelayNetworks {
    public static final RelayNetworks NONE = new RelayNetworks(List.of());

    private final List<Network> networks;

    private RelayNetworks(List<Network> networks) {
        this.networks = List.copyOf(networks);
    }

    /** Networks written as {@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a single address. */
    public static RelayNetworks of(List<String> cidrs) {
        List<Network> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            parsed.add(Network.parse(cidr));
        }
        return new RelayNetworks(parsed);
    }

    /** Checks one CIDR; throws {@link IllegalArgumentException} saying what is wrong. */
    public static String check(String cidr) {
        Network.parse(cidr);
        return cidr;
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** True when {@code clientAddress} (a literal IPv4 or IPv6 address) is in one of the networks. */
    public boolean contains(String clientAddress) {
        if (networks.isEmpty()) {
            return false;
        }
        byte[] address = literal(clientAddress);
        return address != null && networks.stream().anyMatch(network -> network.contains(address));
    }

    private static byte[] literal(String text) {
        // Only literals: getByName would otherwise start a DNS lookup.
        if (text.isEmpty() || !(Character.digit(text.charAt(0), 16) >= 0 || text.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Network(byte[] prefix, int bits) {
        static Network parse(String cidr) {
            String text = cidr.trim();
            int slash = text.indexOf('/');
            byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null || !(text.contains(".") || text.contains(":"))) {
                throw new IllegalArgumentException("expected a network such as 192.0.2.0/24 or 2001:db8::/32, got '" + cidr + "'");
            }
            int bits;
            try {
                bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in '" + cidr + "'");
            }
            return new Network(address, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
