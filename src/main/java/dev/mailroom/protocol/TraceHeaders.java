package dev.mailroom.protocol;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The trace header fields a receiving server adds (RFC 5321 §4.4, RFC 5322 §3.6.7). */
public final class TraceHeaders {
    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private TraceHeaders() {
    }

    /**
     * The Received header, folded over lines, ending in CRLF. The "with" protocol name follows RFC 3848 and
     * RFC 6531: SMTP, ESMTP or UTF8SMTP, with S appended over TLS and A after AUTH (ESMTPSA); the "for" clause names the recipient only when there is one, so a
     * message to several people does not disclose the others.
     */
    public static String received(Transaction transaction, String clientAddress, String hostname, String id,
                                  ZonedDateTime when) {
        String protocol = !transaction.esmtp() ? "SMTP"
                : (transaction.parameters().smtpUtf8() ? "UTF8SMTP" : "ESMTP") + (transaction.tls() ? "S" : "")
                        + (transaction.user().isPresent() ? "A" : "");
        StringBuilder header = new StringBuilder(200)
                .append("Received: from ").append(transaction.heloName().isEmpty() ? "unknown" : transaction.heloName())
                .append(" ([").append(clientAddress).append("])\r\n")
                .append("\tby ").append(hostname).append(" (Mailroom) with ").append(protocol)
                .append(" id ").append(id);
        if (transaction.recipients().size() == 1) {
            header.append("\r\n\tfor <").append(transaction.recipients().getFirst()).append('>');
        }
        return header.append("; ").append(RFC_5322_DATE.format(when)).append("\r\n").toString();
    }

    /** The Return-Path header added at final delivery (RFC 5321 §4.4). */
    public static String returnPath(Transaction transaction) {
        return "Return-Path: " + transaction.returnPath() + "\r\n";
    }
}
