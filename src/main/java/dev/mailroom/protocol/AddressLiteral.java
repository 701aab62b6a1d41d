package dev.mailroom.protocol;

/**
 * Syntax of RFC 5321 §4.1.3 address literals: {@code [192.0.2.1]} and {@code [IPv6:2001:db8::1]}.
 * Written here because the core must not touch java.net (whose parsers may also resolve names).
 */
final class AddressLiteral {
    private AddressLiteral() {
    }

    static boolean isValid(String literal) {
        if (literal.length() < 3 || literal.charAt(0) != '[' || literal.charAt(literal.length() - 1) != ']') {
            return false;
        }
        String body = literal.substring(1, literal.length() - 1);
        if (body.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return isIpv6(body.substring(5));
        }
        return isIpv4(body);
    }

    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = text.split(":", -1);
        int needed = 8;
        int start = 0;
        int end = groups.length;
        if (groups.length > 0 && groups[end - 1].contains(".")) {   // IPv4-mapped tail counts as two groups
            if (!isIpv4(groups[end - 1])) {
                return false;
            }
            needed = 6;
            end--;
        }
        int counted = 0;
        for (int i = start; i < end; i++) {
            String group = groups[i];
            if (group.isEmpty()) {
                continue;   // part of the "::"; checked by position below
            }
            if (group.length() > 4 || !group.chars().allMatch(AddressLiteral::isHexDigit)) {
                return false;
            }
            counted++;
        }
        if (doubleColon < 0) {
            return counted == needed && end - start == needed;
        }
        // Empty groups are only allowed as the "::" itself (and at the ends when "::" touches them).
        String compact = text.replace("::", "");
        if (compact.startsWith(":") || (compact.endsWith(":"))) {
            return false;
        }
        return counted < needed;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
