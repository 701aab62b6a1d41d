package dev.mailroom.relay;

import dev.mailroom.protocol.BodyType;
import dev.mailroom.queue.QueueEntry;
import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * How a message's declared body type and SMTPUTF8 flag go to one host, given what its EHLO offered: the MAIL
 * parameters that say so, and whether the message must go by BDAT; or why the host cannot take it.
 *
 * <ul>
 *   <li>8BITMIME (RFC 6152 §3): {@code BODY=8BITMIME} to a host that offers it; to one that does not, the message
 *       goes without the parameter if its bytes are 7-bit after all, else the host cannot take it.</li>
 *   <li>BINARYMIME (RFC 3030 §3): {@code BODY=BINARYMIME} and one BDAT chunk to a host that offers BINARYMIME and
 *       CHUNKING; otherwise by DATA as 8BITMIME or 7-bit when the bytes allow it, else the host cannot take it.</li>
 *   <li>SMTPUTF8 (RFC 6531 §3.2): the parameter to a host that offers it; to one that does not, the message goes
 *       without it if its sender, the recipients of this transaction and its headers are ASCII, else the host
 *       cannot take it.</li>
 * </ul>
 *
 * <p>Content is never converted (Postfix rewrites 8-bit bodies as quoted-printable; that would break signatures
 * and is a MIME rewriter of its own). The bytes are read only when the host lacks an extension the message declares.
 */
final class ContentNegotiation {
    /** The outcome for one host. */
    sealed interface Outcome {
    }

    /** Send with these MAIL parameters (each with its leading space); {@code chunked}: by one BDAT LAST chunk. */
    record Send(String mailParameters, boolean chunked) implements Outcome {
    }

    /** The host cannot take the message: this diagnostic, permanent. */
    record Refuse(Reply diagnostic) implements Outcome {
    }

    private final QueueEntry entry;
    private final Path message;
    private MessageContent content;   // read on first need

    private ContentNegotiation(QueueEntry entry, Path message) {
        this.entry = entry;
        this.message = message;
    }

    /**
     * @param recipients the recipients of this transaction
     * @param offers     true for each EHLO keyword the host offered
     * @param where      the host, as diagnostics name it
     */
    static Outcome decide(QueueEntry entry, List<String> recipients, Path message, Predicate<String> offers, String where)
            throws IOException {
        return new ContentNegotiation(entry, message).decide(recipients, offers, where);
    }

    private Outcome decide(List<String> recipients, Predicate<String> offers, String where) throws IOException {
        String utf8 = "";
        if (entry.smtpUtf8()) {
            if (offers.test("SMTPUTF8")) {
                utf8 = " SMTPUTF8";
            } else if (!isAscii(entry.sender().orElse("")) || !recipients.stream().allMatch(ContentNegotiation::isAscii)
                    || !content().asciiHeaders()) {
                return new Refuse(Replies.SMTPUTF8_NOT_OFFERED_553.with(where));
            }
        }
        return switch (entry.body()) {
            case SEVEN_BIT -> new Send(utf8, false);
            case EIGHT_BIT_MIME -> offers.test("8BITMIME") ? new Send(" BODY=8BITMIME" + utf8, false)
                    : content().needs() == BodyType.SEVEN_BIT ? new Send(utf8, false)
                    : new Refuse(Replies.CONVERSION_NOT_SUPPORTED_554.with(where, "8BITMIME"));
            case BINARY_MIME -> {
                if (offers.test("BINARYMIME") && offers.test("CHUNKING")) {
                    yield new Send(" BODY=BINARYMIME" + utf8, true);
                }
                BodyType needs = content().needs();
                if (needs == BodyType.SEVEN_BIT) {
                    yield new Send(utf8, false);
                }
                yield needs == BodyType.EIGHT_BIT_MIME && offers.test("8BITMIME") ? new Send(" BODY=8BITMIME" + utf8, false)
                        : new Refuse(Replies.CONVERSION_NOT_SUPPORTED_554.with(where, "BINARYMIME and CHUNKING"));
            }
        };
    }

    private MessageContent content() throws IOException {
        if (content == null) {
            content = MessageContent.of(message);
        }
        return content;
    }

    private static boolean isAscii(String address) {
        return address.chars().allMatch(c -> c < 128);
    }
}
