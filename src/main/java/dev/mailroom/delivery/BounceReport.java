package dev.mailroom.delivery;

import dev.mailroom.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A non-delivery report (RFC 3464 {@code multipart/report; report-type=delivery-status}, RFC 6522): a text part
 * for people, the {@code message/delivery-status} part with one block per failed recipient quoting the remote
 * host's reply, and the original message's headers ({@code text/rfc822-headers}). Pure: the caller gives the
 * time, the boundary and the message id, so the same input gives the same bytes.
 *
 * <p>It is sent from the null sender {@code <>} (RFC 5321 §4.5.5), which is what keeps a bounce from ever being
 * bounced: a message from {@code <>} gets no report.
 */
public final class BounceReport {
    private static final DateTimeFormatter RFC_5322_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private BounceReport() {
    }

    /**
     * @param reportingMta    this host's name
     * @param sender          the original envelope sender: the report's recipient
     * @param queueId         the original message's queue id
     * @param arrival         when the original arrived
     * @param now             the report's date
     * @param failed          the recipients that bounced
     * @param originalHeaders the original header section, CRLF line ends, without the blank line
     * @param boundary        a MIME boundary that does not occur in the headers
     * @param messageId       the report's Message-ID, without angle brackets
     */
    public static byte[] build(String reportingMta, String sender, String queueId, ZonedDateTime arrival, ZonedDateTime now,
                               List<RecipientState> failed, String originalHeaders, String boundary, String messageId) {
        return report(reportingMta, sender, queueId, arrival, now, failed, originalHeaders, boundary, messageId, Optional.empty());
    }

    /**
     * A delay warning: the same three parts for recipients still deferred, with {@code Action: delayed}, a 4.x.x
     * Status and {@code Will-Retry-Until} (RFC 3464 §2.3.3, §2.3.7); the message stays queued.
     */
    public static byte[] delayed(String reportingMta, String sender, String queueId, ZonedDateTime arrival, ZonedDateTime now,
                                 List<RecipientState> deferred, ZonedDateTime retryUntil, String originalHeaders,
                                 String boundary, String messageId) {
        return report(reportingMta, sender, queueId, arrival, now, deferred, originalHeaders, boundary, messageId,
                Optional.of(retryUntil));
    }

    private static byte[] report(String reportingMta, String sender, String queueId, ZonedDateTime arrival, ZonedDateTime now,
                                 List<RecipientState> failed, String originalHeaders, String boundary, String messageId,
                                 Optional<ZonedDateTime> retryUntil) {
        boolean delay = retryUntil.isPresent();
        StringBuilder out = new StringBuilder(2048);
        out.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingMta).append(">\r\n")
                .append("To: <").append(sender).append(">\r\n")
                .append(delay ? "Subject: Delayed Mail (still being retried)\r\n" : "Subject: Undelivered Mail Returned to Sender\r\n")
                .append("Date: ").append(RFC_5322_DATE.format(now)).append("\r\n")
                .append("Message-ID: <").append(messageId).append(">\r\n")
                .append("Auto-Submitted: auto-replied\r\n")   // RFC 3834 §5: no auto-reply to this
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n")
                .append("\r\n")
                .append("This is a MIME-encapsulated message.\r\n\r\n");

        out.append("--").append(boundary).append("\r\n")
                .append("Content-Description: Notification\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
                .append("This is the mail system at host ").append(reportingMta).append(".\r\n\r\n")
                .append(delay ? "Your message could not be delivered yet to one or more recipients.\r\n"
                        + "It will be tried again until " + RFC_5322_DATE.format(retryUntil.get())
                        + "; you will be told if it cannot be delivered by then.\r\n"
                        : "Your message could not be delivered to one or more recipients.\r\n")
                .append("The reply of the remote host, where there was one, is quoted below.\r\n\r\n");
        for (RecipientState recipient : failed) {
            out.append("<").append(recipient.address()).append(">: ");
            if (recipient.expired()) {
                out.append("delivery time expired; the last attempt got: ");
            } else {
                recipient.remoteHost().ifPresent(host -> out.append("host ").append(host).append(" said: "));
            }
            out.append(recipient.lastReply().orElse("no reply")).append("\r\n");
        }
        out.append("\r\n");

        out.append("--").append(boundary).append("\r\n")
                .append("Content-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n")
                .append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n")
                .append("X-Mailroom-Queue-ID: ").append(queueId).append("\r\n")
                .append("Arrival-Date: ").append(RFC_5322_DATE.format(arrival)).append("\r\n");
        for (RecipientState recipient : failed) {
            out.append("\r\n")
                    .append("Final-Recipient: rfc822; ").append(recipient.address()).append("\r\n")
                    .append(delay ? "Action: delayed\r\n" : "Action: failed\r\n")
                    .append("Status: ").append(delay ? delayStatus(recipient) : status(recipient)).append("\r\n");
            recipient.remoteHost().ifPresent(host -> out.append("Remote-MTA: dns; ").append(hostName(host)).append("\r\n"));
            recipient.lastReply().ifPresent(reply -> out.append("Diagnostic-Code: smtp; ").append(reply).append("\r\n"));
            retryUntil.ifPresent(until -> out.append("Will-Retry-Until: ").append(RFC_5322_DATE.format(until)).append("\r\n"));
        }
        out.append("\r\n");

        out.append("--").append(boundary).append("\r\n")
                .append("Content-Description: Undelivered Message Headers\r\nContent-Type: text/rfc822-headers\r\n\r\n")
                .append(originalHeaders);
        if (!originalHeaders.endsWith("\r\n")) {
            out.append("\r\n");
        }
        out.append("\r\n--").append(boundary).append("--\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The Status field (RFC 3464 §2.3.4): the remote enhanced code when it is permanent, X.4.7 when the queue
     * lifetime ran out, else the class of the basic code with detail 0.0.
     */
    static String status(RecipientState recipient) {
        if (recipient.expired()) {
            return Diagnostics.EXPIRED_STATUS;
        }
        Optional<Reply> reply = recipient.lastReply().flatMap(BounceReport::parse);
        return reply.flatMap(Reply::enhanced).filter(status -> status.statusClass() == 5).map(Object::toString)
                .orElse("5.0.0");
    }

    /** The Status of a delayed recipient: the remote transient enhanced code, else 4.0.0. */
    static String delayStatus(RecipientState recipient) {
        return recipient.lastReply().flatMap(BounceReport::parse).flatMap(Reply::enhanced)
                .filter(status -> status.statusClass() == 4).map(Object::toString).orElse("4.0.0");
    }

    private static Optional<Reply> parse(String line) {
        try {
            return Optional.of(ReceivedReply.parse(line));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code mx.example[192.0.2.1]} names the host for people; Remote-MTA takes the name alone. */
    private static String hostName(String host) {
        int bracket = host.indexOf('[');
        return bracket > 0 ? host.substring(0, bracket) : host;
    }

    /** The header section of a message: everything before the first empty line (CRLF or LF). */
    public static String headerSection(byte[] message, int limit) {
        String text = new String(message, 0, Math.min(message.length, limit), StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        return end < 0 ? text : text.substring(0, end + (text.startsWith("\r\n", end) ? 2 : 1));
    }
}
