package dev.mailroom.protocol;

/**
 * The limits and identity a session works with.
 *
 * @param hostname        the name in the greeting and in Received headers
 * @param maxMessageSize  the largest message accepted, in octets (advertised as SIZE, RFC 1870)
 * @param maxRecipients   recipients per transaction; RFC 5321 §4.5.3.1.8 requires at least 100
 * @param maxErrors       negative replies in one session before it is closed with 421
 * @param acceptsMail     false for a host that accepts no mail (RFC 7504: 521 to everything but QUIT)
 * @param maxLineLength   the longest command line, CRLF included (RFC 5321 §4.5.3.1.4: at least 512); MAIL and
 *                        RCPT lines may be {@link Verb#extraLineOctets()} longer
 */
public record SessionSettings(String hostname, long maxMessageSize, int maxRecipients, int maxErrors, boolean acceptsMail,
                              int maxLineLength) {
    /** RFC 5321 §4.5.3.1.4: the least a server must accept, CRLF included. */
    public static final int MIN_LINE_LENGTH = 512;

    public SessionSettings {
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException("RFC 5321 requires command lines of at least 512 octets");
        }
        if (hostname.isBlank()) {
            throw new IllegalArgumentException("hostname must not be blank");
        }
        if (maxMessageSize <= 0 || maxRecipients <= 0 || maxErrors <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * True when a line of {@code length} octets (CRLF removed, and counted here as RFC 5321 §4.5.3.1.4 counts it) is
     * within its limit: its verb's, for a command; the basic one for a SASL response, which has no verb.
     */
    boolean fits(byte[] line, int offset, int length, boolean command) {
        int octets = length + 2;
        return octets <= maxLineLength
                || command && octets <= maxLineLength + CommandParser.verbOf(line, offset, length).extraLineOctets();
    }

    /** The longest line of any command, CRLF included: what the transport must be ready to read. */
    public int longestCommandLine() {
        return maxLineLength + Verb.maxExtraLineOctets();
    }
}
