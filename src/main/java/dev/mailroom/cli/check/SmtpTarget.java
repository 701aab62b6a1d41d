package dev.mailroom.cli.check;

/**
 * The server to check: {@code HOST[:PORT]}, port 25 when none is given. An IPv6 address takes brackets when a port
 * follows ({@code [::1]:2525}); without a port it may be written bare ({@code ::1}).
 */
public record SmtpTarget(String host, int port) {
    public static final int SMTP_PORT = 25;

    public SmtpTarget {
        if (host.isBlank()) {
            throw new IllegalArgumentException("no host given");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code HOST[:PORT]}; throws {@link IllegalArgumentException} with a message for the user. */
    public static SmtpTarget parse(String text) {
        String value = text.strip();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ] in '" + text + "'");
            }
            String rest = value.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("expected :PORT after ] in '" + text + "'");
            }
            return new SmtpTarget(value.substring(1, close), rest.isEmpty() ? SMTP_PORT : port(rest.substring(1), text));
        }
        int colon = value.indexOf(':');
        if (colon < 0 || colon != value.lastIndexOf(':')) {
            // No colon, or several: a bare IPv6 address, which cannot carry a port without brackets.
            return new SmtpTarget(value, SMTP_PORT);
        }
        return new SmtpTarget(value.substring(0, colon), port(value.substring(colon + 1), text));
    }

    private static int port(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number in '" + text + "'");
        }
    }

    /** As the user would write it: {@code mx.example.org:25}, {@code [::1]:2525}. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
