package dev.mailroom.relay;

import dev.mailroom.protocol.BodyType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a queued message's bytes need from the next hop, found by reading them once: 7-bit text, 8-bit text
 * (RFC 6152 §2: lines of at most 998 octets ending in CRLF, no NUL, octets above 127 allowed) or binary (anything
 * else, RFC 3030 §3); and whether its header section is ASCII, which is what RFC 6531 §3.2 asks of a message for a
 * host without SMTPUTF8. Senders often declare more than their content needs (BODY=8BITMIME on plain ASCII is what
 * many clients always send), and such a message can go as it is to a host that lacks the extension.
 *
 * @param needs        the least body type that carries these bytes unchanged
 * @param asciiHeaders true when no octet of the header section is above 127
 */
record MessageContent(BodyType needs, boolean asciiHeaders) {
    private static final int MAX_LINE_OCTETS = 998;

    static MessageContent of(Path message) throws IOException {
        boolean eightBit = false;
        boolean binary = false;
        boolean inHeaders = true;
        boolean asciiHeaders = true;
        int lineLength = 0;
        int previous = '\n';
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(message)) {
            int count;
            while ((count = in.read(buffer)) > 0) {
                for (int i = 0; i < count; i++) {
                    int b = buffer[i] & 0xff;
                    if (previous == '\r' && b != '\n') {
                        binary = true;   // a bare CR
                    }
                    if (b == '\n') {
                        binary |= previous != '\r';
                        inHeaders &= lineLength > 0;   // the empty line ends the header section
                        lineLength = 0;
                    } else if (b != '\r') {
                        lineLength++;
                        binary |= b == 0 || lineLength > MAX_LINE_OCTETS;
                        if (b > 127) {
                            eightBit = true;
                            asciiHeaders &= !inHeaders;
                        }
                    }
                    previous = b;
                }
            }
        }
        binary |= previous == '\r';
        BodyType needs = binary ? BodyType.BINARY_MIME : eightBit ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT;
        return new MessageContent(needs, asciiHeaders);
    }
}
