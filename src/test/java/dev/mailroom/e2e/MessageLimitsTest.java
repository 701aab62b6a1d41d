package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.testkit.MailroomExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Limits on one message: its size (RFC 1870), its recipients, and where they may be (no open relay). */
class MessageLimitsTest {
    private static final int MAX_SIZE = 2000;

    @RegisterExtension
    final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test")
            .maxMessageSize(MAX_SIZE));

    /** A message of exactly {@code octets} octets (at least 19): a header, then 80-octet lines, CRLF-ended. */
    private static String body(int octets) {
        String header = "Subject: size\r\n\r\n";
        int left = octets - header.length();
        int fullLines = (left - 2) / 80;
        int lastLine = left - fullLines * 80;
        return header + ("y".repeat(78) + "\r\n").repeat(fullLines) + "y".repeat(lastLine - 2) + "\r\n";
    }

    @Test
    void dataOverTheSizeLimitIs552AndNothingIsStored() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            client.startData("alice@sender.test", "bob@example.test").send(body(MAX_SIZE + 1) + ".\r\n");

            assertThat(client.reply()).isEqualTo(Replies.MESSAGE_TOO_BIG_552.with(MAX_SIZE).wire());
            assertThat(MaildirFiles.all(mailroom.server())).isEmpty();
            assertThat(client.command("NOOP")).isEqualTo(Replies.OK_250.wire());
            assertThat(mailroom.messages()).isEmpty();
        }
    }

    @Test
    void dataOfExactlyTheSizeLimitIsStored() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            client.startData("alice@sender.test", "bob@example.test").send(body(MAX_SIZE) + ".\r\n");

            String queued = client.reply();
            ReceivedMessage message = mailroom.awaitMessages(1).getFirst();
            assertThat(queued).isEqualTo(Replies.QUEUED_250.with(message.id()).wire());
            assertThat(message.content()).isEqualTo(body(MAX_SIZE));
        }
    }

    @Test
    void aDeclaredSizeOverTheLimitIs552AtMail() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command("MAIL FROM:<alice@sender.test> SIZE=" + (MAX_SIZE + 1)))
                    .isEqualTo(Replies.MESSAGE_TOO_BIG_552.with(MAX_SIZE).wire());
            assertThat(client.command("MAIL FROM:<alice@sender.test> SIZE=" + MAX_SIZE))
                    .isEqualTo(Replies.SENDER_OK_250.wire());
        }
    }

    @Test
    void theRecipientAfterTheHundredthIs452AndTheHundredGetTheMessage() throws Exception {
        List<String> recipients = IntStream.rangeClosed(1, 101).mapToObj(i -> "user" + i + "@example.test").toList();
        StringBuilder group = new StringBuilder("MAIL FROM:<alice@sender.test>\r\n");
        recipients.forEach(recipient -> group.append("RCPT TO:<").append(recipient).append(">\r\n"));
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            client.send(group.toString());

            assertThat(client.reply()).isEqualTo(Replies.SENDER_OK_250.wire());
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < recipients.size(); i++) {
                replies.add(client.reply());
            }
            assertThat(replies.subList(0, 100)).containsOnly(Replies.RECIPIENT_OK_250.wire());
            // RFC 5321 §4.5.3.1.10: 452 (not 552) tells the client to send the rest in a later transaction.
            assertThat(replies.get(100)).isEqualTo(Replies.TOO_MANY_RECIPIENTS_452.wire());

            assertThat(client.command("DATA")).isEqualTo(Replies.START_MAIL_INPUT_354.wire());
            client.send("Subject: to a hundred\r\n\r\nHi all\r\n.\r\n");
            String queued = client.reply();
            ReceivedMessage message = mailroom.awaitMessages(1).getFirst();
            assertThat(queued).isEqualTo(Replies.QUEUED_250.with(message.id()).wire());
            assertThat(message.recipients()).isEqualTo(recipients.subList(0, 100));
            assertThat(message.files()).hasSize(100);
        }
    }

    @Test
    void aRecipientOutsideTheLocalDomainsIs554AndCannotCarryAMessage() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command("MAIL FROM:<alice@sender.test>")).isEqualTo(Replies.SENDER_OK_250.wire());
            assertThat(client.command("RCPT TO:<victim@elsewhere.test>"))
                    .isEqualTo(Replies.RELAY_DENIED_554.with("victim@elsewhere.test").wire());
            assertThat(client.command("RCPT TO:<bob@example.test.elsewhere.test>"))
                    .isEqualTo(Replies.RELAY_DENIED_554.with("bob@example.test.elsewhere.test").wire());
            assertThat(client.command("DATA")).isEqualTo(Replies.NO_VALID_RECIPIENTS_554.wire());
            assertThat(mailroom.messages()).isEmpty();
        }
    }
}
