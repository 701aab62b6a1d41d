package dev.mailroom.cli.explain;

import dev.mailroom.reply.EnhancedStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply as a person pastes it: one or more lines such as {@code 550-5.1.1 The email account...} and
 * {@code 550 5.1.1 ...}. Lines may be separated by real line breaks or by a typed {@code \n}, since a shell
 * argument rarely holds a real one. Each line starts with a basic code, then a space or hyphen, then an optional
 * enhanced code (RFC 2034 puts it first in the text).
 *
 * @param lines the lines as given
 * @param parts the distinct codes found, in order (normally one)
 */
public record ReplyText(List<String> lines, List<Part> parts) {
    private static final Pattern LINE = Pattern.compile("([2-5][0-9]{2})(?:[ -](?:([245])\\.([0-9]{1,3})\\.([0-9]{1,3})(?=\\s|$))?.*)?");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n|\\\\r\\\\n|\\\\n");

    /** The codes of one line: a basic code and perhaps an enhanced code. */
    public record Part(int code, Optional<EnhancedStatus> enhanced) {
        /** As written in a reply: {@code 550 5.1.1}. */
        String text() {
            return code + enhanced.map(status -> " " + status).orElse("");
        }
    }

    /** The reply in {@code text}, or nothing if some non-blank line does not start with a reply code. */
    public static Optional<ReplyText> parse(String text) {
        List<String> lines = new ArrayList<>();
        Set<Part> parts = new LinkedHashSet<>();
        for (String line : LINE_BREAK.split(text.strip())) {
            if (line.isBlank()) {
                continue;
            }
            Matcher matcher = LINE.matcher(line.strip());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            Optional<EnhancedStatus> enhanced = Optional.ofNullable(matcher.group(2)).map(classDigit ->
                    new EnhancedStatus(Integer.parseInt(classDigit), Integer.parseInt(matcher.group(3)),
                            Integer.parseInt(matcher.group(4))));
            parts.add(new Part(Integer.parseInt(matcher.group(1)), enhanced));
            lines.add(line.strip());
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(new ReplyText(lines, List.copyOf(parts)));
    }
}
