package dev.mailroom.protocol;

import java.util.Optional;

/** The MAIL {@code BODY=} parameter: RFC 6152 (8BITMIME) and RFC 3030 (BINARYMIME). */
public enum BodyType {
    SEVEN_BIT("7BIT"),
    EIGHT_BIT_MIME("8BITMIME"),
    BINARY_MIME("BINARYMIME");

    private final String keyword;

    BodyType(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** The type this {@code BODY=} value names, in any case. */
    public static Optional<BodyType> ofKeyword(String value) {
        for (BodyType type : values()) {
            if (type.keyword.equalsIgnoreCase(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
