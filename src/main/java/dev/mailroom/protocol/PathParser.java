package dev.mailroom.protocol;

import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the mailbox between the angle brackets of a MAIL or RCPT path (RFC 5321 §4.1.2, RFC 6531).
 *
 * <p>Where Mailroom draws the line between 501 and 553: the structure around the address (the colon, the
 * angle brackets, what follows the closing bracket, an empty recipient) is command syntax and gets 501;
 * everything wrong with the characters between the brackets — spaces, forbidden characters, a missing or
 * invalid domain, a local part over 64 octets, a domain over 255 — makes the mailbox name not allowed and
 * gets 553. Non-ASCII addresses without SMTPUTF8 get 553 5.6.7 (RFC 6531 §3.5).
 */
final class PathParser {
    private static final int MAX_LOCAL_PART_OCTETS = 64;   // RFC 5321 §4.5.3.1.1
    private static final int MAX_DOMAIN_OCTETS = 255;      // RFC 5321 §4.5.3.1.2
    private static final int MAX_PATH_OCTETS = 256;        // RFC 5321 §4.5.3.1.3, brackets included
    private static final int MAX_LABEL_OCTETS = 63;        // RFC 1035 §2.3.4

    private PathParser() {
    }

    /** The outcome: a mailbox, or the reply that rejects it. */
    sealed interface Result {
        record Valid(Mailbox mailbox) implements Result {
        }

        record Invalid(Reply reply) implements Result {
        }
    }

    /**
     * Checks {@code inner} (the text between the brackets, source route already removed, not empty).
     *
     * @param recipient true for RCPT (553 5.1.3 and bare postmaster allowed), false for MAIL (553 5.1.7)
     * @param utf8      true when the transaction uses SMTPUTF8
     */
    static Result mailbox(String inner, boolean recipient, boolean utf8) {
        Reply rejection = recipient ? Replies.BAD_RECIPIENT_MAILBOX_553 : Replies.BAD_SENDER_MAILBOX_553;
        if (!utf8 && !isAscii(inner)) {
            return new Result.Invalid(Replies.NON_ASCII_ADDRESS_553);
        }
        if (octets(inner) + 2 > MAX_PATH_OCTETS) {
            return new Result.Invalid(rejection.with("address longer than 256 octets"));
        }
        int at = atSign(inner);
        if (at < 0) {
            if (recipient && inner.toLowerCase(Locale.ROOT).equals("postmaster")) {
                return new Result.Valid(new Mailbox(inner, ""));
            }
            return new Result.Invalid(rejection.with("address has no domain"));
        }
        String local = inner.substring(0, at);
        String domain = inner.substring(at + 1);
        Optional<String> problem = localPartProblem(local).or(() -> domainProblem(domain));
        return problem.<Result>map(why -> new Result.Invalid(rejection.with(why)))
                .orElseGet(() -> new Result.Valid(new Mailbox(local, domain)));
    }

    /** The '@' that separates local part and domain: after a quoted local part, else the last one. */
    private static int atSign(String inner) {
        if (inner.startsWith("\"")) {
            int end = closingQuote(inner);
            return end >= 0 && end + 1 < inner.length() && inner.charAt(end + 1) == '@' ? end + 1 : inner.lastIndexOf('@');
        }
        return inner.lastIndexOf('@');
    }

    /** Index of the quote that closes the quoted string starting at 0, or -1. */
    static int closingQuote(String text) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> localPartProblem(String local) {
        if (local.isEmpty()) {
            return Optional.of("empty local part");
        }
        if (octets(local) > MAX_LOCAL_PART_OCTETS) {
            return Optional.of("local part longer than 64 octets");
        }
        return local.startsWith("\"") ? quotedStringProblem(local) : dotAtomProblem(local, "local part");
    }

    private static Optional<String> quotedStringProblem(String quoted) {
        if (quoted.length() < 2 || closingQuote(quoted) != quoted.length() - 1) {
            return Optional.of("unbalanced quotes in local part");
        }
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                i++;   // quoted-pairSMTP: any printable ASCII after the backslash
            } else if (c < 0x20 || c == 0x7f) {
                return Optional.of("control character in local part");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> dotAtomProblem(String text, String what) {
        if (text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            return Optional.of("misplaced dot in " + what);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                return Optional.of("space in " + what);
            }
            if (c != '.' && !isAtext(c)) {
                return Optional.of("invalid character '" + c + "' in " + what);
            }
        }
        return Optional.empty();
    }

    /** RFC 5322 atext, plus any non-ASCII character (RFC 6531 UTF8-non-ascii; ASCII-only was checked before). */
    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c >= 0x80;
    }

    static Optional<String> domainProblem(String domain) {
        if (domain.isEmpty()) {
            return Optional.of("domain missing after '@'");
        }
        if (domain.startsWith("[")) {
            return AddressLiteral.isValid(domain) ? Optional.empty() : Optional.of("invalid address literal " + domain);
        }
        if (octets(domain) > MAX_DOMAIN_OCTETS) {
            return Optional.of("domain longer than 255 octets");
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty()) {
                return Optional.of("empty label in domain");
            }
            if (octets(label) > MAX_LABEL_OCTETS) {
                return Optional.of("domain label longer than 63 octets");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of("domain label starts or ends with '-'");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean letterDigitHyphen = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!letterDigitHyphen && c < 0x80) {   // non-ASCII: a U-label, allowed only under SMTPUTF8
                    return Optional.of(c == ' ' ? "space in domain" : "invalid character '" + c + "' in domain");
                }
            }
        }
        return Optional.empty();
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static int octets(String text) {
        return isAscii(text) ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
