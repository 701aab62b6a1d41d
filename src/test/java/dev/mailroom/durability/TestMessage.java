package dev.mailroom.durability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A message the crash test sends: its content starts with an {@code X-Marker} header naming it, so any file
 * found in a Maildir can be traced back to what was sent.
 *
 * @param content the message as it must be stored after the trace headers (lines end in CRLF, not stuffed)
 */
record TestMessage(String marker, String sender, List<String> recipients, byte[] content) {
    static final String SENDER = "crash-sender@example.org";
    static final String MARKER_HEADER = "X-Marker: ";
    private static final int MAILBOXES = 6;

    /**
     * A message of varied size (mostly small, some up to 1 MiB so a kill often lands inside DATA), one to three
     * distinct recipients, and lines that need dot-stuffing.
     */
    static TestMessage random(String marker, Random random) {
        List<String> recipients = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        int first = random.nextInt(MAILBOXES);
        for (int i = 0; i < count; i++) {
            recipients.add(mailbox((first + i) % MAILBOXES));
        }
        int tier = random.nextInt(100);
        int size = tier < 70 ? 100 + random.nextInt(8_000)
                : tier < 95 ? 8_000 + random.nextInt(120_000)
                : 256_000 + random.nextInt(800_000);
        return new TestMessage(marker, SENDER, List.copyOf(recipients), content(marker, size, random));
    }

    static String mailbox(int index) {
        return "user" + index + "@localhost";
    }

    private static byte[] content(String marker, int size, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 256);
        out.writeBytes((MARKER_HEADER + marker + "\r\nSubject: crash test " + marker + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        while (out.size() < size) {
            out.writeBytes(line(random));
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }

    /** Printable text, with the lines SMTP treats specially: ".", "..", ".text" and empty ones. */
    private static byte[] line(Random random) {
        return switch (random.nextInt(20)) {
            case 0 -> new byte[] {'.'};
            case 1 -> new byte[] {'.', '.'};
            case 2 -> new byte[0];
            default -> {
                byte[] line = new byte[1 + random.nextInt(200)];
                for (int i = 0; i < line.length; i++) {
                    line[i] = (byte) (' ' + random.nextInt(95));
                }
                if (random.nextInt(5) == 0) {
                    line[0] = '.';
                }
                yield line;
            }
        };
    }
}
