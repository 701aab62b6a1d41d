package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.testkit.MailroomExtension;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Angus Mail as an ordinary client: what it sends is stored byte for byte, behind our trace headers. */
class AngusMailTest {
    @RegisterExtension
    static final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test"));

    @Test
    void storesAnOrdinaryMessageExactlyAsSentBehindReturnPathAndReceived() throws Exception {
        AngusClient client = AngusClient.forPort(mailroom.port());
        // Lines starting with dots are stuffed on the wire (RFC 5321 §4.5.2) and must come back unstuffed.
        MimeMessage message = client.message("alice@sender.test", "Hello",
                "Hello Bob,\r\n.a line that starts with a dot\r\n..and one with two\r\n.\r\nBye\r\n", "bob@example.test");

        String finalReply = client.send(message);

        ReceivedMessage received = mailroom.awaitMessages(1).getFirst();
        assertThat(finalReply).isEqualTo(Replies.QUEUED_250.with(received.id()).toString());
        assertThat(received.sender()).isEqualTo("alice@sender.test");
        assertThat(received.recipients()).containsExactly("bob@example.test");
        Path file = received.files().getFirst();
        assertThat(file.getParent()).isEqualTo(MaildirFiles.maildir(mailroom.server(), "example.test", "bob").resolve("new"));
        assertThat(file.getFileName().toString()).startsWith(received.id() + ".");
        assertStored(received, "alice@sender.test", "\r\n\tfor <bob@example.test>", AngusClient.bytesOf(message));
    }

    @Test
    void storesOneFilePerRecipientMaildirWithoutNamingTheRecipientsInReceived() throws Exception {
        AngusClient client = AngusClient.forPort(mailroom.port());
        MimeMessage message = client.message("alice@sender.test", "To all", "Hello all\r\n",
                "bob@example.test", "carol@example.test", "dave@EXAMPLE.test");

        String finalReply = client.send(message);

        ReceivedMessage received = mailroom.awaitMessages(1).getFirst();
        assertThat(finalReply).isEqualTo(Replies.QUEUED_250.with(received.id()).toString());
        assertThat(received.recipients()).containsExactly("bob@example.test", "carol@example.test", "dave@EXAMPLE.test");
        assertThat(received.files()).extracting(path -> path.getParent().getParent().getFileName().toString())
                .containsExactly("bob", "carol", "dave");
        byte[] first = Files.readAllBytes(received.files().getFirst());
        for (Path file : received.files()) {
            assertThat(file.getParent().getFileName().toString()).isEqualTo("new");
            assertThat(file.getFileName().toString()).startsWith(received.id() + ".");
            assertThat(Files.readAllBytes(file)).isEqualTo(first);
        }
        // "for <...>" would tell each recipient who else got the message (RFC 5321 §4.4, privacy).
        assertStored(received, "alice@sender.test", "", AngusClient.bytesOf(message));
    }

    @Test
    void storesAnUtf8BodyAsRaw8BitWhen8BitMimeIsUsed() throws Exception {
        AngusClient client = AngusClient.forPort(mailroom.port(), Map.of("mail.smtp.allow8bitmime", "true"));
        String text = "Grüße aus Köln — 日本語のテキスト\r\n";
        MimeMessage message = client.message("alice@sender.test", "Grüße", text, "bob@example.test");

        String finalReply = client.send(message);

        ReceivedMessage received = mailroom.awaitMessages(1).getFirst();
        assertThat(finalReply).isEqualTo(Replies.QUEUED_250.with(received.id()).toString());
        byte[] sent = AngusClient.bytesOf(message);
        assertThat(new String(sent, StandardCharsets.UTF_8)).contains("Content-Transfer-Encoding: 8bit", text);
        assertStored(received, "alice@sender.test", "\r\n\tfor <bob@example.test>", sent);
    }

    @Test
    void storesAMessageSentInBdatChunks() throws Exception {
        // Angus uses BDAT (RFC 3030) when the server offers CHUNKING and a chunk size is set. No line starts
        // with a dot: Angus 2.0.5 wrongly dot-stuffs BDAT chunks too (eclipse-ee4j/angus-mail#209).
        AngusClient client = AngusClient.forPort(mailroom.port(), Map.of("mail.smtp.chunksize", "64"));
        MimeMessage message = client.message("alice@sender.test", "Chunks",
                "A body long enough to need several chunks of sixty-four octets each.\r\nStill the body.\r\n",
                "bob@example.test");

        String finalReply = client.send(message);

        ReceivedMessage received = mailroom.awaitMessages(1).getFirst();
        assertThat(finalReply).isEqualTo(Replies.QUEUED_250.with(received.id()).toString());
        assertStored(received, "alice@sender.test", "\r\n\tfor <bob@example.test>", AngusClient.bytesOf(message));
    }

    /**
     * The stored file is exactly: Return-Path, then our Received header (RFC 5321 §4.4), then the bytes the
     * client sent, and the header names the 250's id.
     */
    private static void assertStored(ReceivedMessage received, String sender, String forClause, byte[] content) {
        byte[] stored = received.bytes();
        assertThat(stored).endsWith(content);
        String traceHeaders = new String(stored, 0, stored.length - content.length, StandardCharsets.UTF_8);
        Pattern expectedTrace = Pattern.compile(Pattern.quote("Return-Path: <" + sender + ">\r\n"
                + "Received: from client.test ([127.0.0.1])\r\n"
                + "\tby localhost (Mailroom) with ESMTP id " + received.id() + forClause + "; ")
                + "\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\r\n");
        assertThat(traceHeaders).matches(expectedTrace);
        assertThat(received.content()).isEqualTo(new String(content, StandardCharsets.UTF_8));
    }
}
