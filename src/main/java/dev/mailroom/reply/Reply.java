package dev.mailroom.reply;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One SMTP reply: a basic code (RFC 5321 §4.2), an optional enhanced status code (RFC 3463), and text lines.
 * Replies are made only from the templates in {@link Replies}; {@link #with(Object...)} fills a template's
 * {@code {}} placeholders, so the code and enhanced code of a reply always come from the catalogue.
 */
public record Reply(int code, Optional<EnhancedStatus> enhanced, List<String> lines) {
    /** RFC 5321 §4.5.3.1.5: a reply line, code and CRLF included, is at most 512 octets. */
    public static final int MAX_LINE_OCTETS = 512;
    private static final String CUT = "...";

    public Reply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        // What a template echoes (a client's parameter, its EHLO name) may be long: cut it to fit the wire.
        int room = MAX_LINE_OCTETS - "250 \r\n".length() - enhanced.map(e -> e.toString().length() + 1).orElse(0);
        lines = List.copyOf(lines.stream().map(line -> fit(line, room)).toList());
    }

    static Reply of(int code, String enhanced, String text) {
        return new Reply(code, Optional.of(EnhancedStatus.parse(enhanced)), List.of(text));
    }

    static Reply withoutEnhanced(int code, String text) {
        return new Reply(code, Optional.empty(), List.of(text));
    }

    /** The first text line, without code. */
    public String text() {
        return lines.getFirst();
    }

    /** True for 4xx and 5xx replies. */
    public boolean isNegative() {
        return code >= 400;
    }

    /** True for 5xx replies. */
    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /** True for 421, after which the server closes the channel (RFC 5321 §3.8). */
    public boolean closesChannel() {
        return code == 421 || code == 221;
    }

    /** Fills the {@code {}} placeholders of every line, in order, with the given values. */
    public Reply with(Object... values) {
        int next = 0;
        String[] filled = new String[lines.size()];
        for (int i = 0; i < filled.length; i++) {
            StringBuilder out = new StringBuilder();
            String line = lines.get(i);
            int from = 0;
            int at;
            while ((at = line.indexOf("{}", from)) >= 0) {
                if (next >= values.length) {
                    throw new IllegalArgumentException("too few values for: " + line);
                }
                out.append(line, from, at).append(values[next++]);
                from = at + 2;
            }
            filled[i] = out.append(line, from, line.length()).toString();
        }
        if (next != values.length) {
            throw new IllegalArgumentException("too many values for: " + lines);
        }
        return new Reply(code, enhanced, List.of(filled));
    }

    /** The same code and enhanced code, with these lines (for multi-line replies such as EHLO and HELP). */
    public Reply withLines(List<String> newLines) {
        return new Reply(code, enhanced, newLines);
    }

    /** The line itself if its UTF-8 form has at most {@code room} octets, else its longest prefix that does with "...". */
    private static String fit(String line, int room) {
        if (line.length() * 3 <= room || line.getBytes(StandardCharsets.UTF_8).length <= room) {
            return line;   // a UTF-16 unit is at most 3 UTF-8 octets
        }
        int octets = CUT.length();
        int end = 0;
        while (end < line.length()) {
            int next = line.offsetByCodePoints(end, 1);
            int size = line.substring(end, next).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > room) {
                break;
            }
            octets += size;
            end = next;
        }
        return line.substring(0, end) + CUT;
    }

    /** The reply as sent on the wire: every line CRLF-terminated, continuation lines marked with '-'. */
    public String wire() {
        StringBuilder out = new StringBuilder(64);
        String prefix = enhanced.map(e -> e + " ").orElse("");
        for (int i = 0; i < lines.size(); i++) {
            // RFC 2034 §4: every line of a multi-line reply repeats the enhanced code.
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(prefix).append(lines.get(i)).append("\r\n");
        }
        return out.toString();
    }

    public byte[] wireBytes() {
        return wire().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return wire().strip();
    }
}
