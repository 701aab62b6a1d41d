package dev.mailroom.protocol;

import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * ESMTP parameters of MAIL and RCPT (RFC 5321 §4.1.2 {@code esmtp-param}). Malformed syntax, a repeated
 * keyword or a bad value of a known keyword is 501 5.5.4; a keyword Mailroom does not support is 555 5.5.4
 * (RFC 5321 §4.1.1.11). Parameters are judged in the order given, so the first wrong one is the one named.
 */
final class ParameterParser {
    private ParameterParser() {
    }

    sealed interface Result<T> {
        record Accepted<T>(T parameters) implements Result<T> {
        }

        record Rejected<T>(Reply reply) implements Result<T> {
        }
    }

    /** One {@code keyword[=value]} of a command line; the keyword in upper case. */
    private record Parameter(String keyword, Optional<String> value) {
        /** The parameter in {@code word}; empty when it is malformed or its keyword is in {@code seen} already. */
        static Optional<Parameter> parse(String word, Set<String> seen) {
            int equals = word.indexOf('=');
            String keyword = (equals < 0 ? word : word.substring(0, equals)).toUpperCase(Locale.ROOT);
            Optional<String> value = equals < 0 ? Optional.empty() : Optional.of(word.substring(equals + 1));
            if (!isKeyword(keyword) || value.filter(v -> !isValue(v)).isPresent() || !seen.add(keyword)) {
                return Optional.empty();
            }
            return Optional.of(new Parameter(keyword, value));
        }

        <T> Result<T> unknown() {
            return new Result.Rejected<>(Replies.UNKNOWN_PARAMETER_555.with(keyword));
        }
    }

    static Result<MailParameters> mail(String text) {
        if (text.isBlank()) {
            return new Result.Accepted<>(MailParameters.NONE);   // the common case: nothing to parse or allocate
        }
        OptionalLong size = OptionalLong.empty();
        BodyType body = BodyType.SEVEN_BIT;
        boolean utf8 = false;
        Optional<DsnReturn> ret = Optional.empty();
        Optional<String> envelopeId = Optional.empty();
        Set<String> seen = new HashSet<>(4);
        for (String word : words(text)) {
            Optional<Parameter> parsed = Parameter.parse(word, seen);
            if (parsed.isEmpty()) {
                return bad(word);
            }
            Parameter parameter = parsed.get();
            Optional<String> value = parameter.value();
            switch (parameter.keyword()) {
                case "SIZE" -> {
                    size = value.map(CommandParser::decimal).orElse(OptionalLong.empty());
                    if (size.isEmpty()) {
                        return bad(word);
                    }
                }
                case "BODY" -> {
                    Optional<BodyType> type = value.flatMap(BodyType::ofKeyword);
                    if (type.isEmpty()) {
                        return bad(word);
                    }
                    body = type.get();
                }
                case "SMTPUTF8" -> {
                    if (value.isPresent()) {
                        return bad(word);
                    }
                    utf8 = true;
                }
                case "RET" -> {
                    ret = value.flatMap(DsnParameters::ret);
                    if (ret.isEmpty()) {
                        return bad(word);
                    }
                }
                case "ENVID" -> {
                    envelopeId = value.flatMap(DsnParameters::envelopeId);
                    if (envelopeId.isEmpty()) {
                        return bad(word);
                    }
                }
                default -> {
                    return parameter.unknown();
                }
            }
        }
        return new Result.Accepted<>(new MailParameters(size, body, utf8, new MessageDsn(ret, envelopeId)));
    }

    /** RCPT takes the DSN parameters of RFC 3461: NOTIFY and ORCPT. */
    static Result<RecipientDsn> recipient(String text) {
        if (text.isBlank()) {
            return new Result.Accepted<>(RecipientDsn.NONE);
        }
        Optional<Notify> notify = Optional.empty();
        Optional<OriginalRecipient> original = Optional.empty();
        Set<String> seen = new HashSet<>(2);
        for (String word : words(text)) {
            Optional<Parameter> parsed = Parameter.parse(word, seen);
            if (parsed.isEmpty()) {
                return bad(word);
            }
            Parameter parameter = parsed.get();
            switch (parameter.keyword()) {
                case "NOTIFY" -> {
                    notify = parameter.value().flatMap(DsnParameters::notify);
                    if (notify.isEmpty()) {
                        return bad(word);
                    }
                }
                case "ORCPT" -> {
                    original = parameter.value().flatMap(DsnParameters::originalRecipient);
                    if (original.isEmpty()) {
                        return bad(word);
                    }
                }
                default -> {
                    return parameter.unknown();
                }
            }
        }
        return new Result.Accepted<>(new RecipientDsn(notify, original));
    }

    /** 501 5.5.4 naming the parameter: malformed, repeated, or a bad value of a known keyword. */
    private static <T> Result<T> bad(String parameter) {
        return new Result.Rejected<>(Replies.BAD_PARAMETER_501.with(parameter));
    }

    private static String[] words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split(" +");
    }

    /** esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-") */
    private static boolean isKeyword(String keyword) {
        if (keyword.isEmpty() || keyword.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** esmtp-value = 1*(%d33-60 / %d62-126), plus UTF-8 under RFC 6531. */
    private static boolean isValue(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '=' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
