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
 * (RFC 5321 §4.1.1.11).
 */
final class ParameterParser {
    private ParameterParser() {
    }

    sealed interface Result {
        record Accepted(MailParameters parameters) implements Result {
        }

        record Rejected(Reply reply) implements Result {
        }
    }

    static Result mail(String text) {
        OptionalLong size = OptionalLong.empty();
        BodyType body = BodyType.SEVEN_BIT;
        boolean utf8 = false;
        Set<String> seen = new HashSet<>(4);
        for (String parameter : words(text)) {
            int equals = parameter.indexOf('=');
            String keyword = (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
            Optional<String> value = equals < 0 ? Optional.empty() : Optional.of(parameter.substring(equals + 1));
            if (!isKeyword(keyword) || value.filter(v -> !isValue(v)).isPresent() || !seen.add(keyword)) {
                return new Result.Rejected(Replies.BAD_PARAMETER_501.with(parameter));
            }
            switch (keyword) {
                case "SIZE" -> {
                    size = value.map(CommandParser::decimal).orElse(OptionalLong.empty());
                    if (size.isEmpty()) {
                        return new Result.Rejected(Replies.BAD_PARAMETER_501.with(parameter));
                    }
                }
                case "BODY" -> {
                    Optional<BodyType> type = value.flatMap(ParameterParser::bodyType);
                    if (type.isEmpty()) {
                        return new Result.Rejected(Replies.BAD_PARAMETER_501.with(parameter));
                    }
                    body = type.get();
                }
                case "SMTPUTF8" -> {
                    if (value.isPresent()) {
                        return new Result.Rejected(Replies.BAD_PARAMETER_501.with(parameter));
                    }
                    utf8 = true;
                }
                default -> {
                    return new Result.Rejected(Replies.UNKNOWN_PARAMETER_555.with(keyword));
                }
            }
        }
        return new Result.Accepted(new MailParameters(size, body, utf8));
    }

    /** RCPT takes no parameters yet (the relay adds the DSN ones); any is refused, malformed ones with 501. */
    static Optional<Reply> recipient(String text) {
        for (String parameter : words(text)) {
            int equals = parameter.indexOf('=');
            String keyword = equals < 0 ? parameter : parameter.substring(0, equals);
            if (!isKeyword(keyword) || (equals >= 0 && !isValue(parameter.substring(equals + 1)))) {
                return Optional.of(Replies.BAD_PARAMETER_501.with(parameter));
            }
            return Optional.of(Replies.UNKNOWN_PARAMETER_555.with(keyword.toUpperCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    private static String[] words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split(" +");
    }

    private static Optional<BodyType> bodyType(String value) {
        for (BodyType type : BodyType.values()) {
            if (type.keyword().equalsIgnoreCase(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
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
