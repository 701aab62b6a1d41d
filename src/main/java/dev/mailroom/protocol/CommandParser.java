package dev.mailroom.protocol;

import dev.mailroom.reply.Replies;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns one command line (without its CRLF) into a {@link Command}. Pure and stateless; never throws on
 * any input — every malformed line becomes {@link Command.Malformed} or {@link Command.Unrecognized}.
 */
public final class CommandParser {
    /** BDAT sizes beyond this are refused as syntax errors rather than overflowing a long. */
    private static final int MAX_SIZE_DIGITS = 18;
    private static final int MAX_HELLO_NAME_OCTETS = 255;

    private CommandParser() {
    }

    /**
     * Parses a command line.
     *
     * @param line           the line's bytes, CRLF removed
     * @param utf8Addresses  true inside a transaction whose MAIL carried SMTPUTF8 (governs RCPT addresses)
     */
    public static Command parse(byte[] line, int offset, int length, boolean utf8Addresses) {
        Optional<String> text = decode(line, offset, length);
        if (text.isEmpty()) {
            return new Command.Malformed(Verb.UNKNOWN, Replies.INVALID_CHARACTERS_500);
        }
        return parse(text.get(), utf8Addresses);
    }

    /** The verb a command line starts with, read from its ASCII first word; {@link Verb#UNKNOWN} if there is none. */
    static Verb verbOf(byte[] line, int offset, int length) {
        int end = offset;
        while (end < offset + length && line[end] != ' ') {
            end++;
        }
        return Verb.of(new String(line, offset, end - offset, StandardCharsets.ISO_8859_1));
    }

    /** Parses a line already decoded to text (used by tests and tools). */
    public static Command parse(String line, boolean utf8Addresses) {
        if (hasControlCharacter(line)) {
            return new Command.Malformed(Verb.UNKNOWN, Replies.INVALID_CHARACTERS_500);
        }
        int space = line.indexOf(' ');
        String word = space < 0 ? line : line.substring(0, space);
        String arguments = space < 0 ? "" : line.substring(space + 1);
        Verb verb = Verb.of(word);
        return switch (verb) {
            case EHLO, HELO -> hello(verb, arguments);
            case MAIL -> mail(arguments);
            case RCPT -> recipient(arguments, utf8Addresses);
            case DATA -> noArguments(verb, arguments, new Command.Data());
            case BDAT -> bdat(arguments);
            case STARTTLS -> noArguments(verb, arguments, new Command.StartTls());   // RFC 3207 §4: no parameters
            case AUTH -> auth(arguments);
            case RSET, QUIT -> noArguments(verb, arguments, new Command.Simple(verb));
            case VRFY -> arguments.isBlank()
                    ? new Command.Malformed(verb, Replies.ARGUMENT_REQUIRED_501.with("VRFY"))
                    : new Command.Simple(verb);
            case NOOP, HELP, EXPN -> new Command.Simple(verb);   // RFC 5321 §4.1.1.9: NOOP may carry a string
            case NOT_OFFERED -> new Command.NotImplemented(verb, word.toUpperCase(Locale.ROOT));
            case UNKNOWN -> new Command.Unrecognized();
        };
    }

    private static Command hello(Verb verb, String arguments) {
        String domain = arguments.strip();
        int space = domain.indexOf(' ');
        if (space >= 0) {
            domain = domain.substring(0, space);   // some clients append a comment; keep the name only
        }
        // RFC 5321 §4.5.3.1.2: a domain is at most 255 octets; a longer name is no host name at all.
        return domain.isEmpty() || PathParser.octets(domain) > MAX_HELLO_NAME_OCTETS
                ? new Command.Malformed(verb, Replies.HELLO_SYNTAX_501.with(verb.name()))
                : new Command.Hello(verb, domain);
    }

    /** RFC 4954 §4: a mechanism name, then optionally an initial response (its checks come with the exchange). */
    private static Command auth(String arguments) {
        String[] words = arguments.split(" ", -1);
        if (words.length > 2 || words[0].isEmpty() || (words.length == 2 && words[1].isEmpty())) {
            return new Command.Malformed(Verb.AUTH, Replies.AUTH_SYNTAX_501);
        }
        return new Command.Auth(words[0].toUpperCase(Locale.ROOT), words.length == 2 ? Optional.of(words[1]) : Optional.empty());
    }

    private static Command noArguments(Verb verb, String arguments, Command command) {
        return arguments.isBlank() ? command : new Command.Malformed(verb, Replies.NO_ARGUMENTS_ALLOWED_501.with(verb.name()));
    }

    private static Command mail(String arguments) {
        if (!arguments.regionMatches(true, 0, "FROM:", 0, 5)) {
            return new Command.Malformed(Verb.MAIL, Replies.MAIL_SYNTAX_501);
        }
        PathSplit split = PathSplit.of(arguments.substring(5));
        if (split.error().isPresent()) {
            return new Command.Malformed(Verb.MAIL, Replies.BAD_SENDER_SYNTAX_501.with(split.error().get()));
        }
        MailParameters mailParameters;
        switch (ParameterParser.mail(split.parameters())) {
            case ParameterParser.Result.Accepted<MailParameters> accepted -> mailParameters = accepted.parameters();
            case ParameterParser.Result.Rejected<MailParameters> rejected -> {
                return new Command.Malformed(Verb.MAIL, rejected.reply());
            }
        }
        if (split.mailbox().isEmpty()) {
            return new Command.Mail(Optional.empty(), mailParameters);   // the null reverse path <>
        }
        return switch (PathParser.mailbox(split.mailbox(), false, mailParameters.smtpUtf8())) {
            case PathParser.Result.Valid valid -> new Command.Mail(Optional.of(valid.mailbox()), mailParameters);
            case PathParser.Result.Invalid invalid -> new Command.Malformed(Verb.MAIL, invalid.reply());
        };
    }

    private static Command recipient(String arguments, boolean utf8Addresses) {
        if (!arguments.regionMatches(true, 0, "TO:", 0, 3)) {
            return new Command.Malformed(Verb.RCPT, Replies.RCPT_SYNTAX_501);
        }
        PathSplit split = PathSplit.of(arguments.substring(3));
        if (split.error().isPresent()) {
            return new Command.Malformed(Verb.RCPT, Replies.BAD_RECIPIENT_SYNTAX_501.with(split.error().get()));
        }
        if (split.mailbox().isEmpty()) {
            return new Command.Malformed(Verb.RCPT, Replies.BAD_RECIPIENT_SYNTAX_501.with("empty recipient <>"));
        }
        RecipientDsn dsn;
        switch (ParameterParser.recipient(split.parameters())) {
            case ParameterParser.Result.Accepted<RecipientDsn> accepted -> dsn = accepted.parameters();
            case ParameterParser.Result.Rejected<RecipientDsn> rejected -> {
                return new Command.Malformed(Verb.RCPT, rejected.reply());
            }
        }
        return switch (PathParser.mailbox(split.mailbox(), true, utf8Addresses)) {
            case PathParser.Result.Valid valid -> new Command.Recipient(valid.mailbox(), dsn);
            case PathParser.Result.Invalid invalid -> new Command.Malformed(Verb.RCPT, invalid.reply());
        };
    }

    private static Command bdat(String arguments) {
        String[] words = arguments.split(" ", -1);
        boolean last = words.length == 2 && words[1].equalsIgnoreCase("LAST");
        if (words.length > 2 || (words.length == 2 && !last) || !isDecimal(words[0], MAX_SIZE_DIGITS)) {
            return new Command.Malformed(Verb.BDAT, Replies.BDAT_SYNTAX_501);
        }
        return new Command.Bdat(Long.parseLong(words[0]), last);
    }

    static boolean isDecimal(String text, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static OptionalLong decimal(String text) {
        return isDecimal(text, MAX_SIZE_DIGITS) ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
    }

    /** Control characters (NUL, bare CR, TAB, DEL, ...) have no place in a command line. */
    private static boolean hasControlCharacter(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** ASCII lines take the fast path; anything else must be well-formed UTF-8. */
    private static Optional<String> decode(byte[] line, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (line[i] < 0) {
                try {
                    return Optional.of(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(line, offset, length)).toString());
                } catch (CharacterCodingException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new String(line, offset, length, StandardCharsets.ISO_8859_1));
    }
}
