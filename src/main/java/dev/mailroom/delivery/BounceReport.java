package dev.mailroom.delivery;

import dev.mailroom.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A delivery status notification (RFC 3464 {@code multipart/report; report-type=delivery-status}, RFC 6522): a
 * text part for people, the {@code message/delivery-status} part with one block per recipient quoting the remote
 * host's reply, and the original message: its headers ({@code text/rfc822-headers}), or the whole of it
 * ({@code message/rfc822}) when a failure report is for a sender who asked with {@code RET=FULL} (RFC 3461 §4.3).
 * Four kinds: failed (a bounce), delayed (a warning), relayed (RFC 3461 §5.2.2: delivered to a host that cannot
 * notify on success itself), delivered (put in a local mailbox, RFC 3461 §5.2.3).
 *
 * <p>Pure: the caller gives the time, the boundary and the message id, so the same input gives the same bytes. The
 * report comes as a {@link Report} whose head and tail go around the returned content, so a whole message can be
 * streamed from its file rather than held in memory.
 *
 * <p>It is sent from the null sender {@code <>} (RFC 5321 §4.5.5), which is what keeps a bounce from ever being
 * bounced: a message from {@code <>} gets no report.
 */
public final class BounceReport {
    /** How much of a message is read for the header section a report returns. */
    public static final int HEADER_LIMIT = 64 * 1024;
    private static final DateTimeFormatter RFC_5322_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private BounceReport() {
    }

    /**
     * What a report says about the original message and about itself.
     *
     * @param reportingMta this host's name
     * @param sender       the original envelope sender: the report's recipient
     * @param queueId      the original message's queue id
     * @param arrival      when the original arrived
     * @param envelopeId   the sender's ENVID, decoded: quoted as Original-Envelope-Id (RFC 3464 §2.2.1)
     * @param date         the report's date
     * @param boundary     a MIME boundary that does not occur in the returned content
     * @param messageId    the report's Message-ID, without angle brackets
     */
    public record Context(String reportingMta, String sender, String queueId, ZonedDateTime arrival,
                          Optional<String> envelopeId, ZonedDateTime date, String boundary, String messageId) {
    }

    /** What the third part holds. */
    public enum Returned {
        /** The original's header section, as {@code text/rfc822-headers}. */
        HEADERS,
        /** The whole original, as {@code message/rfc822} ({@code RET=FULL}). */
        MESSAGE,
        /** The header section, because the message was too large to return whole although RET=FULL asked for it. */
        HEADERS_OF_LARGE_MESSAGE
    }

    /** A report: {@link #head()}, then the returned content (headers or message), then {@link #tail()}. */
    public record Report(byte[] head, byte[] tail) {
        /** The whole report, with {@code content} in place. */
        public byte[] around(byte[] content) {
            byte[] whole = new byte[head.length + content.length + tail.length];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(content, 0, whole, head.length, content.length);
            System.arraycopy(tail, 0, whole, head.length + content.length, tail.length);
            return whole;
        }
    }

    private enum Kind {
        FAILED, DELAYED, RELAYED, DELIVERED;

        boolean reportsSuccess() {
            return this == RELAYED || this == DELIVERED;
        }
    }

    /** A non-delivery report for the recipients that bounced. */
    public static Report failed(Context context, List<RecipientState> failed, Returned returned) {
        return report(context, Kind.FAILED, failed, Optional.empty(), returned);
    }

    /**
     * A delay warning: the same three parts for recipients still deferred, with {@code Action: delayed}, a 4.x.x
     * Status and {@code Will-Retry-Until} (RFC 3464 §2.3.3, §2.3.7); the message stays queued. Headers only, as
     * RFC 3461 §4.3 asks of a report that is not about a failure.
     */
    public static Report delayed(Context context, List<RecipientState> deferred, ZonedDateTime retryUntil) {
        return report(context, Kind.DELAYED, deferred, Optional.of(retryUntil), Returned.HEADERS);
    }

    /**
     * A success report for recipients that asked for one with NOTIFY=SUCCESS and were handed to a host that does
     * not offer DSN, which therefore cannot report on them: {@code Action: relayed} (RFC 3464 §2.3.3). Headers only.
     */
    public static Report relayed(Context context, List<RecipientState> relayed) {
        return report(context, Kind.RELAYED, relayed, Optional.empty(), Returned.HEADERS);
    }

    /**
     * A success report for recipients that asked for one with NOTIFY=SUCCESS and were put in a mailbox here:
     * {@code Action: delivered}, {@code Status: 2.0.0} (RFC 3464 §2.3.3, RFC 3461 §5.2.3). Headers only.
     */
    public static Report delivered(Context context, List<RecipientState> delivered) {
        return report(context, Kind.DELIVERED, delivered, Optional.empty(), Returned.HEADERS);
    }

    private static Report report(Context context, Kind kind, List<RecipientState> recipients,
                                 Optional<ZonedDateTime> retryUntil, Returned returned) {
        String boundary = context.boundary();
        StringBuilder out = new StringBuilder(2048);
        out.append("From: Mail Delivery System <MAILER-DAEMON@").append(context.reportingMta()).append(">\r\n")
                .append("To: <").append(context.sender()).append(">\r\n")
                .append("Subject: ").append(switch (kind) {
                    case FAILED -> "Undelivered Mail Returned to Sender";
                    case DELAYED -> "Delayed Mail (still being retried)";
                    case RELAYED, DELIVERED -> "Successful Mail Delivery Report";
                }).append("\r\n")
                .append("Date: ").append(RFC_5322_DATE.format(context.date())).append("\r\n")
                .append("Message-ID: <").append(context.messageId()).append(">\r\n")
                .append("Auto-Submitted: auto-replied\r\n")   // RFC 3834 §5: no auto-reply to this
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n")
                .append("\r\n")
                .append("This is a MIME-encapsulated message.\r\n\r\n");

        out.append("--").append(boundary).append("\r\n")
                .append("Content-Description: Notification\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
                .append("This is the mail system at host ").append(context.reportingMta()).append(".\r\n\r\n")
                .append(switch (kind) {
                    case FAILED -> "Your message could not be delivered to one or more recipients.\r\n";
                    case DELAYED -> "Your message could not be delivered yet to one or more recipients.\r\n"
                            + "It will be tried again until " + RFC_5322_DATE.format(retryUntil.orElseThrow())
                            + "; you will be told if it cannot be delivered by then.\r\n";
                    case RELAYED -> "Your message was passed on to the next host for the recipients below, as you asked to be\r\n"
                            + "told. That host does not offer delivery notifications, so you will hear no more of it.\r\n";
                    case DELIVERED -> "Your message was delivered to the mailboxes of the recipients below, as you asked to be told.\r\n";
                })
                .append(returned == Returned.HEADERS_OF_LARGE_MESSAGE
                        ? "The message was too large to return whole; its headers are attached.\r\n" : "")
                .append(kind == Kind.DELIVERED ? "\r\n" : "The reply of the remote host, where there was one, is quoted below.\r\n\r\n");
        for (RecipientState recipient : recipients) {
            out.append("<").append(recipient.address()).append(">: ");
            if (kind == Kind.DELIVERED) {
                out.append("delivered to mailbox\r\n");   // by this host: no remote reply to quote
                continue;
            }
            if (recipient.expired()) {
                out.append("delivery time expired; the last attempt got: ");
            } else {
                recipient.remoteHost().ifPresent(host -> out.append("host ").append(host).append(" said: "));
            }
            out.append(recipient.lastReply().orElse("no reply")).append("\r\n");
        }
        out.append("\r\n");

        out.append("--").append(boundary).append("\r\n")
                .append("Content-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n");
        context.envelopeId().ifPresent(id -> out.append("Original-Envelope-Id: ").append(id).append("\r\n"));
        out.append("Reporting-MTA: dns; ").append(context.reportingMta()).append("\r\n")
                .append("Arrival-Date: ").append(RFC_5322_DATE.format(context.arrival())).append("\r\n")
                .append("X-Mailroom-Queue-ID: ").append(context.queueId()).append("\r\n");
        for (RecipientState recipient : recipients) {
            out.append("\r\n");
            recipient.dsn().originalRecipient().ifPresent(original -> out.append("Original-Recipient: ").append(original).append("\r\n"));
            out.append("Final-Recipient: rfc822; ").append(recipient.address()).append("\r\n")
                    .append("Action: ").append(kind.name().toLowerCase(Locale.ROOT)).append("\r\n")
                    .append("Status: ").append(switch (kind) {
                        case FAILED -> status(recipient);
                        case DELAYED -> remoteStatus(recipient, 4);
                        case RELAYED -> remoteStatus(recipient, 2);
                        case DELIVERED -> "2.0.0";
                    }).append("\r\n");
            recipient.remoteHost().ifPresent(host -> out.append("Remote-MTA: dns; ").append(hostName(host)).append("\r\n"));
            recipient.lastReply().ifPresent(reply -> out.append("Diagnostic-Code: smtp; ").append(reply).append("\r\n"));
            retryUntil.ifPresent(until -> out.append("Will-Retry-Until: ").append(RFC_5322_DATE.format(until)).append("\r\n"));
        }
        out.append("\r\n");

        out.append("--").append(boundary).append("\r\n").append(switch (returned) {
            case MESSAGE -> "Content-Description: Undelivered Message\r\nContent-Type: message/rfc822\r\n";
            case HEADERS, HEADERS_OF_LARGE_MESSAGE -> (kind.reportsSuccess() ? "Content-Description: Message Headers\r\n"
                    : "Content-Description: Undelivered Message Headers\r\n") + "Content-Type: text/rfc822-headers\r\n";
        }).append("\r\n");
        // The delimiter's own CRLF: after content that ends in CRLF this leaves one empty line, as RFC 2046 allows.
        String tail = "\r\n--" + boundary + "--\r\n";
        return new Report(out.toString().getBytes(StandardCharsets.UTF_8), tail.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The Status field of a failed recipient (RFC 3464 §2.3.4): the remote enhanced code when it is permanent,
     * X.4.7 when the queue lifetime ran out, else the class of the basic code with detail 0.0.
     */
    static String status(RecipientState recipient) {
        return recipient.expired() ? Diagnostics.EXPIRED_STATUS : remoteStatus(recipient, 5);
    }

    /** The remote host's enhanced code when it is of {@code statusClass} (2, 4 or 5), else that class with 0.0. */
    static String remoteStatus(RecipientState recipient, int statusClass) {
        return recipient.lastReply().flatMap(BounceReport::parse).flatMap(Reply::enhanced)
                .filter(status -> status.statusClass() == statusClass).map(Object::toString).orElse(statusClass + ".0.0");
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
