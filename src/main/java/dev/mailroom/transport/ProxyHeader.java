package dev.mailroom.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the PROXY protocol header (HAProxy's spec, versions 1 and 2) that a load balancer sends before the
 * client's first byte, and returns the real client's address. Read byte by byte straight from the socket, so
 * nothing of the SMTP stream that follows is consumed.
 *
 * <p>{@code PROXY UNKNOWN} (v1) and the {@code LOCAL} command or an unsupported family (v2) carry no client:
 * the result is empty and the connection counts as the proxy's own (a health check, say). Anything malformed
 * is an {@link IOException}: the connection is dropped without a reply, as HAProxy's peers do.
 */
final class ProxyHeader {
    /** v1's longest line, CRLF included (spec §2.1). */
    private static final int V1_MAX = 107;
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Addresses and TLVs; more than this is not a header we would trust (spec allows 65535). */
    private static final int V2_MAX_LENGTH = 1024;

    private ProxyHeader() {
    }

    static Optional<InetAddress> read(InputStream in) throws IOException {
        int first = next(in);
        if (first == 'P') {
            return readV1(in);
        }
        if (first == V2_SIGNATURE[0]) {
            return readV2(in);
        }
        throw new IOException("no PROXY protocol header");
    }

    private static Optional<InetAddress> readV1(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder("P");
        while (true) {
            int b = next(in);
            if (b == '\n') {
                break;
            }
            line.append((char) b);
            if (line.length() >= V1_MAX) {
                throw new IOException("PROXY v1 header too long");
            }
        }
        if (line.isEmpty() || line.charAt(line.length() - 1) != '\r') {
            throw new IOException("PROXY v1 header must end with CRLF");
        }
        String[] fields = line.substring(0, line.length() - 1).split(" ", -1);
        if (fields.length >= 2 && fields[0].equals("PROXY") && fields[1].equals("UNKNOWN")) {
            return Optional.empty();
        }
        if (fields.length != 6 || !fields[0].equals("PROXY") || !(fields[1].equals("TCP4") || fields[1].equals("TCP6"))) {
            throw new IOException("malformed PROXY v1 header");
        }
        InetAddress source = literal(fields[2]);
        if ((source.getAddress().length == 4) != fields[1].equals("TCP4")) {
            throw new IOException("PROXY v1 address does not match its family");
        }
        return Optional.of(source);
    }

    private static Optional<InetAddress> readV2(InputStream in) throws IOException {
        byte[] rest = in.readNBytes(15);   // the signature's other 11 bytes, version/command, family, length
        if (rest.length < 15) {
            throw new EOFException("connection closed in a PROXY v2 header");
        }
        if (!Arrays.equals(rest, 0, 11, V2_SIGNATURE, 1, 12)) {
            throw new IOException("bad PROXY v2 signature");
        }
        int versionCommand = rest[11] & 0xFF;
        int family = rest[12] & 0xFF;
        int length = ((rest[13] & 0xFF) << 8) | (rest[14] & 0xFF);
        if (versionCommand >> 4 != 2 || length > V2_MAX_LENGTH) {
            throw new IOException("unsupported PROXY v2 header");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("connection closed in a PROXY v2 header");
        }
        int command = versionCommand & 0x0F;
        if (command == 0x0) {
            return Optional.empty();   // LOCAL: the proxy speaking for itself
        }
        if (command != 0x1) {
            throw new IOException("unknown PROXY v2 command " + command);
        }
        return switch (family) {
            case 0x11, 0x12 -> Optional.of(address(body, 4, length, 12));    // TCP or UDP over IPv4
            case 0x21, 0x22 -> Optional.of(address(body, 16, length, 36));   // TCP or UDP over IPv6
            default -> Optional.empty();                                     // UNSPEC or UNIX: no address to use
        };
    }

    private static InetAddress address(byte[] body, int size, int length, int needed) throws IOException {
        if (length < needed) {
            throw new IOException("PROXY v2 address block too short");
        }
        return InetAddress.getByAddress(Arrays.copyOf(body, size));
    }

    /** An address literal, never a name to resolve. */
    private static InetAddress literal(String text) throws IOException {
        if (text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            throw new IOException("PROXY v1 source is not an address: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IOException("PROXY v1 source is not an address: " + text, e);
        }
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed in a PROXY header");
        }
        return b;
    }
}
