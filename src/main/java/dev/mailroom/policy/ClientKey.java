package dev.mailroom.policy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Whom a rate limit counts: one IPv4 address, or an IPv6 network (a /64 by default). An IPv6 client usually
 * owns a whole /64, so counting single IPv6 addresses would let it take a fresh budget with every connection.
 * Two longs, so a key costs no allocation in the tables that hold it.
 */
public record ClientKey(long high, long low) {
    /** IPv4 keys live in the IPv4-mapped range {@code ::ffff:0:0/96}, so they never collide with IPv6 ones. */
    private static final long IPV4_MAPPED = 0xFFFF_0000_0000L;

    /** The key of {@code address}: IPv4 as is, IPv6 cut to its first {@code ipv6Prefix} bits (1 to 128). */
    public static ClientKey of(InetAddress address, int ipv6Prefix) {
        if (address instanceof Inet4Address) {
            return new ClientKey(0, IPV4_MAPPED | (ByteBuffer.wrap(address.getAddress()).getInt() & 0xFFFF_FFFFL));
        }
        ByteBuffer bytes = ByteBuffer.wrap(address.getAddress());
        long high = bytes.getLong();
        long low = bytes.getLong();
        return new ClientKey(high & mask(ipv6Prefix), low & mask(ipv6Prefix - 64));
    }

    /** The top {@code bits} bits set (none for 0 or less, all for 64 or more). */
    private static long mask(int bits) {
        return bits <= 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
    }

    /** Spreads the key over a table's slots. */
    int hash() {
        long h = high * 0x9E37_79B9_7F4A_7C15L ^ low;
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        return (int) h;
    }
}
