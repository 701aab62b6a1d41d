package dev.mailroom.transport.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/** The little DER (X.690) that wrapping PKCS#1 and SEC1 keys into PKCS#8 needs. */
final class Der {
    private Der() {
    }

    /** Tag, definite length, content. */
    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /**
     * The named-curve OID (as a whole DER element) of a SEC1 ECPrivateKey (RFC 5915 §3):
     * {@code SEQUENCE { version, privateKey OCTET STRING, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }}.
     */
    static Optional<byte[]> sec1Curve(byte[] der) {
        try {
            Reader outer = new Reader(der, 0, der.length);
            Reader sequence = outer.enter(0x30);
            while (sequence.hasMore()) {
                int tag = sequence.peekTag();
                if (tag == 0xa0) {
                    Reader parameters = sequence.enter(0xa0);
                    return parameters.peekTag() == 0x06 ? Optional.of(parameters.element()) : Optional.empty();
                }
                sequence.skip();
            }
            return Optional.empty();
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    /** Reads consecutive elements of {@code bytes[from, to)}. */
    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int position;

        Reader(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.position = from;
            this.end = to;
        }

        boolean hasMore() {
            return position < end;
        }

        int peekTag() {
            return bytes[position] & 0xff;
        }

        /** The contents of the next element, which must have this tag. */
        Reader enter(int tag) {
            if (peekTag() != tag) {
                throw new IllegalArgumentException("expected tag " + tag);
            }
            int[] header = header();
            position = header[0] + header[1];
            return new Reader(bytes, header[0], header[0] + header[1]);
        }

        /** The next element, tag and length included. */
        byte[] element() {
            int start = position;
            int[] header = header();
            position = header[0] + header[1];
            return Arrays.copyOfRange(bytes, start, position);
        }

        void skip() {
            int[] header = header();
            position = header[0] + header[1];
        }

        /** {content start, content length} of the element at the current position. */
        private int[] header() {
            int at = position + 1;
            int length = bytes[at++] & 0xff;
            if (length >= 0x80) {
                int octets = length & 0x7f;
                if (octets == 0 || octets > 3) {
                    throw new IllegalArgumentException("unsupported length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (bytes[at++] & 0xff);
                }
            }
            if (at + length > end) {
                throw new IllegalArgumentException("element overruns its container");
            }
            return new int[] {at, length};
        }
    }
}
