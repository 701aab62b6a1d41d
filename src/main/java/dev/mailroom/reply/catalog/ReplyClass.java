package dev.mailroom.reply.catalog;

import java.util.Locale;

/**
 * The class of a reply, from its first digit (RFC 5321 §4.2.1). Enhanced status codes (RFC 3463) use the same
 * digits for success, persistent transient failure and permanent failure; they have no intermediate class.
 */
public enum ReplyClass {
    POSITIVE_COMPLETION(2),
    POSITIVE_INTERMEDIATE(3),
    TRANSIENT_NEGATIVE(4),
    PERMANENT_NEGATIVE(5);

    private final int digit;

    ReplyClass(int digit) {
        this.digit = digit;
    }

    public int digit() {
        return digit;
    }

    /** The class whose first digit is {@code digit}; throws {@link IllegalArgumentException} for any other digit. */
    public static ReplyClass ofDigit(int digit) {
        for (ReplyClass replyClass : values()) {
            if (replyClass.digit == digit) {
                return replyClass;
            }
        }
        throw new IllegalArgumentException("no reply class has first digit " + digit);
    }

    /** The class of a three-digit basic reply code. */
    public static ReplyClass ofCode(int code) {
        return ofDigit(code / 100);
    }

    /** The key of this class in the language files, e.g. {@code transient_negative}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
