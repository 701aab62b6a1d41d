package dev.mailroom.policy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client network of a greylisting triplet: the IPv4 /24, or the IPv6 network of {@code ipv6-prefix} bits.
 * Large senders retry from another address of the same pool (RFC 6647 §4.2); counting the /24 lets their
 * retry pass.
 */
final class GreylistNetwork {
    private GreylistNetwork() {
    }

    static String of(InetAddress address, int ipv6Prefix) {
        byte[] bytes = address.getAddress();
        int bits = address instanceof Inet4Address ? 24 : ipv6Prefix;
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.clamp(bits - i * 8L, 0, 8);
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return AddressText.of(InetAddress.getByAddress(bytes)) + "/" + bits;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
