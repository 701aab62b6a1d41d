package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.testkit.MailroomExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CHUNKING (RFC 3030): BDAT carries exact octet counts, with no dot-stuffing and no end-of-data line, so
 * the stored bytes are exactly the chunks, and a refused chunk is still read so the session stays in sync.
 */
class BdatTest {
    /** Looks like DATA's end and a stuffed dot: BDAT must store it untouched. */
    private static final String FIRST_CHUNK = "Subject: chunks\r\n\r\n.leading dot\r\n.\r\n";
    private static final String LAST_CHUNK = "the end\r\n";

    @RegisterExtension
    final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test"));

    private static String bdat(String chunk, boolean last) {
        return "BDAT " + chunk.getBytes(StandardCharsets.UTF_8).length + (last ? " LAST" : "") + "\r\n" + chunk;
    }

    private static RawSmtpClient transaction(RawSmtpClient client) throws Exception {
        assertThat(client.command("MAIL FROM:<alice@sender.test>")).isEqualTo(Replies.SENDER_OK_250.wire());
        assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(Replies.RECIPIENT_OK_250.wire());
        return client;
    }

    /** Reads the 250 for the last chunk and checks it names the one stored message, which holds {@code content}. */
    private void assertQueued(RawSmtpClient client, String content) throws Exception {
        String queued = client.reply();
        ReceivedMessage message = mailroom.awaitMessages(1).getFirst();
        assertThat(queued).isEqualTo(Replies.QUEUED_250.with(message.id()).wire());
        assertThat(message.content()).isEqualTo(content);
    }

    @Test
    void chunksAreStoredAsTheExactBytesSent() throws Exception {
        try (RawSmtpClient client = transaction(RawSmtpClient.session(mailroom.port()))) {
            client.send(bdat(FIRST_CHUNK, false));
            assertThat(client.reply()).isEqualTo(Replies.CHUNK_RECEIVED_250.with(FIRST_CHUNK.length()).wire());
            client.send(bdat(LAST_CHUNK, true));
            assertQueued(client, FIRST_CHUNK + LAST_CHUNK);
        }
    }

    @Test
    void anEmptyLastChunkEndsTheMessage() throws Exception {
        try (RawSmtpClient client = transaction(RawSmtpClient.session(mailroom.port()))) {
            client.send(bdat(FIRST_CHUNK + LAST_CHUNK, false));
            assertThat(client.reply()).isEqualTo(Replies.CHUNK_RECEIVED_250.with(FIRST_CHUNK.length() + LAST_CHUNK.length()).wire());
            client.send("BDAT 0 LAST\r\n");
            assertQueued(client, FIRST_CHUNK + LAST_CHUNK);
        }
    }

    @Test
    void pipelinedChunksGetTheirRepliesInOrder() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            client.send("MAIL FROM:<alice@sender.test>\r\nRCPT TO:<bob@example.test>\r\n"
                    + bdat(FIRST_CHUNK, false) + bdat(LAST_CHUNK, true) + "QUIT\r\n");

            assertThat(client.reply()).isEqualTo(Replies.SENDER_OK_250.wire());
            assertThat(client.reply()).isEqualTo(Replies.RECIPIENT_OK_250.wire());
            assertThat(client.reply()).isEqualTo(Replies.CHUNK_RECEIVED_250.with(FIRST_CHUNK.length()).wire());
            assertQueued(client, FIRST_CHUNK + LAST_CHUNK);
            assertThat(client.reply()).isEqualTo(Replies.CLOSING_221.wire());
        }
    }

    @Test
    void aChunkBeforeMailIs503AndItsOctetsAreNotTakenForCommands() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            // The chunk is a HELP command: had the server not skipped it, a 214 would come before NOOP's 250.
            client.send(bdat("HELP\r\n", false));
            assertThat(client.reply()).isEqualTo(Replies.NEED_MAIL_503.wire());
            assertThat(client.command("NOOP")).isEqualTo(Replies.OK_250.wire());
        }
    }

    @Test
    void aChunkBeforeRcptIs503AndTheTransactionGoesOn() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command("MAIL FROM:<alice@sender.test>")).isEqualTo(Replies.SENDER_OK_250.wire());
            client.send(bdat("HELP\r\n", true));
            assertThat(client.reply()).isEqualTo(Replies.NEED_RECIPIENT_503.wire());
            assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(Replies.RECIPIENT_OK_250.wire());
            client.send(bdat(FIRST_CHUNK + LAST_CHUNK, true));
            assertQueued(client, FIRST_CHUNK + LAST_CHUNK);
        }
    }

    @Test
    void dataDuringChunkingIs503AndTheChunkedMessageGoesOn() throws Exception {
        try (RawSmtpClient client = transaction(RawSmtpClient.session(mailroom.port()))) {
            client.send(bdat(FIRST_CHUNK, false));
            assertThat(client.reply()).isEqualTo(Replies.CHUNK_RECEIVED_250.with(FIRST_CHUNK.length()).wire());
            assertThat(client.command("DATA")).isEqualTo(Replies.CHUNKING_IN_PROGRESS_503.with("DATA").wire());
            client.send(bdat(LAST_CHUNK, true));
            assertQueued(client, FIRST_CHUNK + LAST_CHUNK);
        }
    }
}
