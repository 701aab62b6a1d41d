package dev.mailroom.delivery;

import dev.mailroom.reply.EnhancedStatus;
import dev.mailroom.reply.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a reply received from another server (RFC 5321 §4.2) into a {@link Reply}; pure text in, value out. */
public final class ReceivedReply {
    private static final Pattern LINE = Pattern.compile("([2-5][0-9][0-9])([ -]?)(.*)");
    private static final Pattern ENHANCED = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?: (.*))?");

    private ReceivedReply() {
    }

    /** True when {@code line} is the last line of a reply ({@code 250 ok}, not {@code 250-ok}). */
    public static boolean isLast(String line) {
        return line.length() < 4 || line.charAt(3) != '-';
    }

    /**
     * The reply made of these lines (CRLF removed). RFC 3463 enhanced codes are taken from the first line when
     * their class matches the basic code's; text is kept as sent.
     *
     * @throws IllegalArgumentException if a line does not start with a reply code, or the codes differ
     */
    public static Reply parse(List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
        int code = -1;
        Optional<EnhancedStatus> enhanced = Optional.empty();
        List<String> texts = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not a reply line: " + line);
            }
            int lineCode = Integer.parseInt(matcher.group(1));
            if (code >= 0 && lineCode != code) {
                throw new IllegalArgumentException("reply lines with different codes: " + code + ", " + lineCode);
            }
            code = lineCode;
            String text = matcher.group(3);
            Matcher status = ENHANCED.matcher(text);
            if (status.matches() && status.group(1).charAt(0) - '0' == code / 100) {
                if (texts.isEmpty()) {
                    enhanced = Optional.of(EnhancedStatus.parse(status.group(1)));
                }
                text = status.group(2) == null ? "" : status.group(2);
            }
            texts.add(text);
        }
        return new Reply(code, enhanced, texts);
    }

    /** One-line form: {@code 550 5.1.1 no such user}. */
    public static Reply parse(String line) {
        return parse(List.of(line));
    }

    /** The reply on one line, as quoted in logs, the queue and DSNs: code, enhanced code, text lines joined. */
    public static String oneLine(Reply reply) {
        StringBuilder out = new StringBuilder().append(reply.code());
        reply.enhanced().ifPresent(status -> out.append(' ').append(status));
        String text = String.join(" ", reply.lines()).strip();
        if (!text.isEmpty()) {
            out.append(' ').append(text);
        }
        return out.toString();
    }
}
