package dev.mailroom.protocol;

import java.util.Optional;

/**
 * RFC 3461 §4 "xtext", the encoding of the ENVID and ORCPT values: {@code +} and two upper-case hex digits stand
 * for one octet, and every other character from {@code !} to {@code ~} except {@code +} and {@code =} for itself.
 * Both values must decode to printable US-ASCII (RFC 3461 §4.2, §4.4), so this decoder refuses anything else: a
 * CR or LF smuggled in as {@code +0D+0A} would otherwise end up as a line of its own in a delivery report.
 */
public final class Xtext {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Xtext() {
    }

    /** The printable US-ASCII text {@code xtext} stands for; empty when it is not well-formed xtext of such text. */
    public static Optional<String> decode(String xtext) {
        StringBuilder out = new StringBuilder(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                int value = i + 2 < xtext.length() ? hexDigit(xtext.charAt(i + 1)) * 16 + hexDigit(xtext.charAt(i + 2)) : -1;
                if (value < ' ' || value > '~') {
                    return Optional.empty();   // a bad hexchar, or one for a control or non-ASCII octet
                }
                out.append((char) value);
                i += 2;
            } else if (isXchar(c)) {
                out.append(c);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString());
    }

    /** {@code text} (printable US-ASCII) as xtext: itself, with {@code +}, {@code =} and spaces as hexchars. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isXchar(c)) {
                out.append(c);
            } else {
                out.append('+').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isXchar(char c) {
        return c >= '!' && c <= '~' && c != '+' && c != '=';
    }

    /** An upper-case hex digit's value; a large negative number for anything else, so the sum stays negative. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1000;
    }
}
