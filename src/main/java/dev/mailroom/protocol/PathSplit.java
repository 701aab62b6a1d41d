package dev.mailroom.protocol;

import java.util.Optional;

/**
 * Splits what follows {@code FROM:} or {@code TO:} into the text between the angle brackets and the ESMTP
 * parameters after them, or says which structural rule the argument broke (a 501 matter).
 *
 * <p>One space after the colon is tolerated, as Postfix, Exim and Sendmail do, because widely deployed
 * clients send {@code MAIL FROM: <a@b>}; RFC 5321 has none there. A source route ({@code <@a,@b:u@d>},
 * RFC 5321 §4.1.2) is accepted and dropped, as Appendix C allows.
 *
 * @param mailbox    the text between the brackets, route removed; empty for {@code <>}
 * @param parameters what follows the closing bracket, leading spaces removed
 * @param error      the structural problem, if any (then the other fields are empty)
 */
record PathSplit(String mailbox, String parameters, Optional<String> error) {

    private static PathSplit failure(String why) {
        return new PathSplit("", "", Optional.of(why));
    }

    static PathSplit of(String argument) {
        int start = argument.startsWith(" ") ? 1 : 0;
        if (start >= argument.length()) {
            return failure("address missing");
        }
        if (argument.charAt(start) != '<') {
            return failure(argument.charAt(start) == ' ' ? "stray space before address" : "address must be enclosed in <>");
        }
        int close = closingBracket(argument, start + 1);
        if (close < 0) {
            return failure("missing closing '>'");
        }
        String rest = argument.substring(close + 1);
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            return failure("unexpected text after '>'");
        }
        String inner = argument.substring(start + 1, close);
        if (inner.startsWith("@")) {
            int colon = inner.indexOf(':');
            if (colon < 0) {
                return failure("malformed source route");
            }
            inner = inner.substring(colon + 1);
            if (inner.isEmpty()) {
                return failure("source route without mailbox");
            }
        }
        return new PathSplit(inner, rest.stripLeading(), Optional.empty());
    }

    /** The first '>' not inside a quoted local part, or -1. */
    private static int closingBracket(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
