package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.testkit.MailroomExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Command lines the server must refuse without losing the session: too long (512 octets, 1012 for MAIL and RCPT),
 * or with control characters.
 */
class CommandLineTest {
    @RegisterExtension
    static final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test"));

    /** {@code start} and filler to make a line of {@code octets} octets, CRLF included. */
    private static String line(String start, int octets) {
        return start + "x".repeat(octets - start.length() - 2);
    }

    private static String noopLine(int octets) {
        return line("NOOP ", octets);
    }

    @ParameterizedTest(name = "{0} octets")
    @ValueSource(ints = {513, 4097, 100_000})
    void aLineOver512OctetsIs500AndTheSessionGoesOn(int octets) throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command(noopLine(octets))).isEqualTo(Replies.LINE_TOO_LONG_500.wire());
            assertThat(client.command("NOOP")).isEqualTo(Replies.OK_250.wire());
        }
    }

    @Test
    void aLineOfExactly512OctetsIsAccepted() throws Exception {
        // RFC 5321 §4.5.3.1.4: 512 octets, CRLF included, is the least a server must accept.
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command(noopLine(512))).isEqualTo(Replies.OK_250.wire());
        }
    }

    @ParameterizedTest(name = "{0} octets")
    @ValueSource(ints = {1013, 4097, 100_000})
    void aRcptLineOver1012OctetsIs500AndTheSessionGoesOn(int octets) throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command("MAIL FROM:<alice@sender.test>")).isEqualTo(Replies.SENDER_OK_250.wire());
            assertThat(client.command(line("RCPT TO:<bob@example.test> ORCPT=rfc822;", octets)))
                    .isEqualTo(Replies.LINE_TOO_LONG_500.wire());
            assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(Replies.RECIPIENT_OK_250.wire());
        }
    }

    @Test
    void mailAndRcptLinesOf1012OctetsAreReadForTheirDsnParameters() throws Exception {
        // RFC 3461 lets NOTIFY, ORCPT, RET and ENVID lengthen MAIL and RCPT beyond RFC 5321's 512 octets.
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command(line("MAIL FROM:<alice@sender.test> X-PADDING=", 1012)))
                    .isEqualTo(Replies.UNKNOWN_PARAMETER_555.with("X-PADDING").wire());
            assertThat(client.command("MAIL FROM:<alice@sender.test> RET=HDRS")).isEqualTo(Replies.SENDER_OK_250.wire());
            assertThat(client.command(line("RCPT TO:<bob@example.test> NOTIFY=FAILURE ORCPT=rfc822;", 1012)))
                    .isEqualTo(Replies.RECIPIENT_OK_250.wire());
            assertThat(client.command(noopLine(1012))).isEqualTo(Replies.LINE_TOO_LONG_500.wire());
        }
    }

    @Test
    void aLineTooLongInsideATransactionLeavesTheTransactionIntact() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command("MAIL FROM:<alice@sender.test>")).isEqualTo(Replies.SENDER_OK_250.wire());
            assertThat(client.command(line("RCPT TO:<bob@example.test> ", 1013)))
                    .isEqualTo(Replies.LINE_TOO_LONG_500.wire());
            assertThat(client.command("RCPT TO:<bob@example.test>")).isEqualTo(Replies.RECIPIENT_OK_250.wire());
            assertThat(client.command("DATA")).isEqualTo(Replies.START_MAIL_INPUT_354.wire());
            client.send("Subject: after a long line\r\n\r\nstill here\r\n.\r\n");
            String queued = client.reply();
            assertThat(queued).isEqualTo(Replies.QUEUED_250.with(mailroom.awaitMessages(1).getFirst().id()).wire());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NOOP\0", "NO\0OP", "MAIL FROM:<alice@sender.test>\u0001", "HELP\u001b[2J", "NOOP\u007f",
            "NO\rOP", "EHLO client.test\tx"})
    void aControlCharacterInACommandIs500AndTheSessionGoesOn(String line) throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command(line)).isEqualTo(Replies.INVALID_CHARACTERS_500.wire());
            assertThat(client.command("NOOP")).isEqualTo(Replies.OK_250.wire());
        }
    }

    @Test
    void bytesThatAreNotUtf8Are500() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            client.send("NOOP ".getBytes(StandardCharsets.US_ASCII));
            client.send(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, '\r', '\n'});
            assertThat(client.reply()).isEqualTo(Replies.INVALID_CHARACTERS_500.wire());
            assertThat(client.command("NOOP")).isEqualTo(Replies.OK_250.wire());
        }
    }
}
