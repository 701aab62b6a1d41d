package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.testkit.MailroomExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 2920: a client may send a whole group of commands in one write and read the replies afterwards. */
class PipeliningTest {
    @RegisterExtension
    final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test"));

    @Test
    void aWholeGroupInOneWriteGetsEveryReplyInOrder() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            client.send("MAIL FROM:<alice@sender.test>\r\n"
                    + "RCPT TO:<bob@example.test>\r\n"
                    + "RCPT TO:<nobody@elsewhere.test>\r\n"
                    + "RCPT TO:<carol@example.test>\r\n"
                    + "DATA\r\n");

            assertThat(client.reply()).isEqualTo(Replies.SENDER_OK_250.wire());
            assertThat(client.reply()).isEqualTo(Replies.RECIPIENT_OK_250.wire());
            assertThat(client.reply()).isEqualTo(Replies.RELAY_DENIED_554.with("nobody@elsewhere.test").wire());
            assertThat(client.reply()).isEqualTo(Replies.RECIPIENT_OK_250.wire());
            assertThat(client.reply()).isEqualTo(Replies.START_MAIL_INPUT_354.wire());

            // The message content may open the next group (RFC 2920 §3.1): here the body, its end and QUIT.
            client.send("Subject: pipelined\r\n\r\nHello\r\n.\r\nQUIT\r\n");
            String queued = client.reply();
            ReceivedMessage message = mailroom.awaitMessages(1).getFirst();
            assertThat(queued).isEqualTo(Replies.QUEUED_250.with(message.id()).wire());
            assertThat(client.reply()).isEqualTo(Replies.CLOSING_221.wire());
            assertThat(client.closedByServer()).isTrue();
            assertThat(message.recipients()).containsExactly("bob@example.test", "carol@example.test");
            assertThat(message.content()).isEqualTo("Subject: pipelined\r\n\r\nHello\r\n");
        }
    }

    @Test
    void theNextTransactionCanFollowTheEndOfDataInTheSameWrite() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            client.send("MAIL FROM:<alice@sender.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
            assertThat(List.of(client.reply(), client.reply(), client.reply())).containsExactly(
                    Replies.SENDER_OK_250.wire(), Replies.RECIPIENT_OK_250.wire(), Replies.START_MAIL_INPUT_354.wire());

            client.send("Subject: one\r\n\r\nfirst\r\n.\r\n"
                    + "MAIL FROM:<alice@sender.test>\r\nRCPT TO:<carol@example.test>\r\nDATA\r\n");
            String firstQueued = client.reply();
            assertThat(List.of(client.reply(), client.reply(), client.reply())).containsExactly(
                    Replies.SENDER_OK_250.wire(), Replies.RECIPIENT_OK_250.wire(), Replies.START_MAIL_INPUT_354.wire());

            client.send("Subject: two\r\n\r\nsecond\r\n.\r\nQUIT\r\n");
            String secondQueued = client.reply();
            assertThat(client.reply()).isEqualTo(Replies.CLOSING_221.wire());

            List<ReceivedMessage> messages = mailroom.awaitMessages(2);
            assertThat(firstQueued).isEqualTo(Replies.QUEUED_250.with(messages.get(0).id()).wire());
            assertThat(secondQueued).isEqualTo(Replies.QUEUED_250.with(messages.get(1).id()).wire());
            assertThat(messages).extracting(ReceivedMessage::content)
                    .containsExactly("Subject: one\r\n\r\nfirst\r\n", "Subject: two\r\n\r\nsecond\r\n");
            assertThat(messages).extracting(ReceivedMessage::recipients)
                    .containsExactly(List.of("bob@example.test"), List.of("carol@example.test"));
        }
    }
}
