package dev.mailroom.reply.catalog;

import dev.mailroom.reply.EnhancedStatus;
import java.util.Comparator;
import java.util.regex.Pattern;

/** The keys of catalogue entries: {@code "421"} for basic codes, {@code "X.7.1"} for enhanced codes. */
public final class CodeKeys {
    private static final Pattern BASIC = Pattern.compile("[2-5][0-9][0-9]");
    private static final Pattern ENHANCED = Pattern.compile("X\\.[0-9]{1,3}\\.[0-9]{1,3}");

    /** Basic codes first, in numeric order; then enhanced codes by subject and detail. */
    public static final Comparator<String> ORDER = Comparator
            .comparing(CodeKeys::isEnhancedKey)
            .thenComparingInt(key -> isEnhancedKey(key) ? subject(key) : Integer.parseInt(key))
            .thenComparingInt(key -> isEnhancedKey(key) ? detail(key) : 0);

    private CodeKeys() {
    }

    public static String of(int basicCode) {
        return Integer.toString(basicCode);
    }

    public static String of(EnhancedStatus status) {
        return "X." + status.subject() + "." + status.detail();
    }

    public static boolean isBasicKey(String key) {
        return BASIC.matcher(key).matches();
    }

    public static boolean isEnhancedKey(String key) {
        return ENHANCED.matcher(key).matches();
    }

    static int subject(String enhancedKey) {
        return Integer.parseInt(enhancedKey.split("\\.")[1]);
    }

    static int detail(String enhancedKey) {
        return Integer.parseInt(enhancedKey.split("\\.")[2]);
    }
}
