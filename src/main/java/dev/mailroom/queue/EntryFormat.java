package dev.mailroom.queue;

import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.protocol.BodyType;
import dev.mailroom.protocol.DsnParameters;
import dev.mailroom.protocol.DsnReturn;
import dev.mailroom.protocol.MessageDsn;
import dev.mailroom.protocol.Notify;
import dev.mailroom.protocol.OriginalRecipient;
import dev.mailroom.protocol.RecipientDsn;
import dev.mailroom.protocol.Xtext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The text form of a {@link QueueEntry}: one {@code key: value} line per field, one {@code recipient:} line per
 * recipient with tab-separated fields. Plain text so an operator can read it with {@code cat}; unknown keys and
 * recipient fields past the known ones are skipped, so a newer Mailroom can add fields, and fields an older one did
 * not write get their defaults (no DSN parameters, {@code BODY=7BIT}, no SMTPUTF8). Addresses cannot hold tabs or line breaks (RFC 5321 §4.1.2);
 * replies are cleaned of them before they are written; ENVID and ORCPT are written as the xtext they came in.
 *
 * <pre>
 * recipient: status  failures  next-attempt  expired  address  host  last-reply  notify  orcpt  dsn-passed-on
 * </pre>
 */
final class EntryFormat {
    static final String MAGIC = "mailroom-queue-entry: 1";
    private static final String NONE = "-";
    private static final String DSN_PASSED_ON = "dsn-passed-on";

    private EntryFormat() {
    }

    static String write(QueueEntry entry) {
        StringBuilder out = new StringBuilder(256).append(MAGIC).append('\n')
                .append("id: ").append(entry.id()).append('\n')
                .append("queued: ").append(entry.queuedAt()).append('\n')
                .append("sender: ").append(entry.sender().orElse("")).append('\n');
        entry.dsn().ret().ifPresent(ret -> out.append("ret: ").append(ret.value()).append('\n'));
        entry.dsn().envelopeId().ifPresent(id -> out.append("envid: ").append(Xtext.encode(id)).append('\n'));
        if (entry.body() != BodyType.SEVEN_BIT) {
            out.append("body: ").append(entry.body().keyword()).append('\n');
        }
        if (entry.smtpUtf8()) {
            out.append("smtputf8: yes\n");
        }
        if (entry.delayWarned()) {
            out.append("delay-warned: yes\n");
        }
        for (RecipientState recipient : entry.recipients()) {
            out.append("recipient: ").append(String.join("\t",
                    recipient.status().key(),
                    Integer.toString(recipient.failures()),
                    recipient.nextAttempt().map(Instant::toString).orElse(NONE),
                    recipient.expired() ? "expired" : NONE,
                    recipient.address(),
                    recipient.remoteHost().map(EntryFormat::clean).orElse(NONE),
                    recipient.lastReply().map(EntryFormat::clean).orElse(NONE),
                    recipient.dsn().notifyOn().map(Notify::value).orElse(NONE),
                    recipient.dsn().originalRecipient().map(OriginalRecipient::value).orElse(NONE),
                    recipient.dsnPassedOn() ? DSN_PASSED_ON : NONE)).append('\n');
        }
        return out.toString();
    }

    static QueueEntry read(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(MAGIC)) {
            throw new IllegalArgumentException("not a queue entry");
        }
        String id = null;
        Instant queued = null;
        Optional<String> sender = Optional.empty();
        Optional<DsnReturn> ret = Optional.empty();
        Optional<String> envelopeId = Optional.empty();
        BodyType body = BodyType.SEVEN_BIT;
        boolean smtpUtf8 = false;
        boolean warned = false;
        List<RecipientState> recipients = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(": ");
            String key = colon < 0 ? line.replace(":", "") : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 2);
            switch (key) {
                case "id" -> id = value;
                case "queued" -> queued = Instant.parse(value);
                case "sender" -> sender = value.isEmpty() ? Optional.empty() : Optional.of(value);
                case "ret" -> ret = Optional.of(dsnValue("ret", value, DsnParameters::ret));
                case "envid" -> envelopeId = Optional.of(dsnValue("envid", value, DsnParameters::envelopeId));
                case "body" -> body = BodyType.ofKeyword(value).orElseThrow(() -> new IllegalArgumentException("bad body: " + value));
                case "smtputf8" -> smtpUtf8 = value.equals("yes");
                case "recipient" -> recipients.add(recipient(value));
                case "delay-warned" -> warned = value.equals("yes");
                default -> { }   // a field from a newer version
            }
        }
        if (id == null || queued == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("queue entry without id, queued time or recipients");
        }
        return new QueueEntry(id, queued, sender, new MessageDsn(ret, envelopeId), body, smtpUtf8, recipients, warned);
    }

    private static RecipientState recipient(String value) {
        String[] fields = value.split("\t", -1);
        if (fields.length < 7) {
            throw new IllegalArgumentException("bad recipient line: " + value);
        }
        RecipientDsn dsn = new RecipientDsn(
                field(fields, 7).map(notify -> dsnValue("notify", notify, DsnParameters::notify)),
                field(fields, 8).map(orcpt -> dsnValue("orcpt", orcpt, DsnParameters::originalRecipient)));
        return new RecipientState(fields[4], dsn, RecipientStatus.ofKey(fields[0]), Integer.parseInt(fields[1]),
                optional(fields[2]).map(Instant::parse), optional(fields[6]), optional(fields[5]),
                fields[3].equals("expired"), field(fields, 9).filter(DSN_PASSED_ON::equals).isPresent());
    }

    /** The field at {@code index}; empty when it is "-" or the entry was written before the field existed. */
    private static Optional<String> field(String[] fields, int index) {
        return index < fields.length ? optional(fields[index]) : Optional.empty();
    }

    /** A DSN parameter as written by {@link #write}, parsed as it was when it came in. */
    private static <T> T dsnValue(String name, String value, Function<String, Optional<T>> parser) {
        return parser.apply(value).orElseThrow(() -> new IllegalArgumentException("bad " + name + ": " + value));
    }

    private static Optional<String> optional(String field) {
        return field.equals(NONE) ? Optional.empty() : Optional.of(field);
    }

    private static String clean(String text) {
        String cleaned = text.replaceAll("[\\t\\r\\n]+", " ").strip();
        return cleaned.isEmpty() ? NONE : cleaned;
    }
}
