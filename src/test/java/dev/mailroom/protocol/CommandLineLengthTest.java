package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 5321 §4.5.3.1.4 allows 512 octets per command line, CRLF included; RFC 3461's DSN parameters lengthen MAIL
 * and RCPT, which Mailroom takes up to 512 + 500. The transport reads up to the longest; the session judges.
 */
class CommandLineLengthTest {
    private static final SessionSettings SETTINGS = new SessionSettings("mx.example.com", 1000, 100, 50, true,
            SessionSettings.MIN_LINE_LENGTH);

    private SmtpSession session;

    @BeforeEach
    void greeted() {
        session = new SmtpSession(SETTINGS, SessionPolicy.ACCEPT_ALL, new SessionSecurity(SessionSecurity.TlsMode.UNAVAILABLE,
                false, Optional.of(new TranscriptAuthenticator(Map.of("alice", "secret"), 3)), false, true));
        session.open(Admission.ACCEPTED);
        reply("EHLO client.example.org");
    }

    /** {@code start} padded with {@code x} to a line of {@code octets} octets, CRLF included. */
    private static String line(String start, int octets) {
        return start + "x".repeat(octets - start.length() - 2);
    }

    private Reply reply(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        return session.onLine(bytes, 0, bytes.length).reply().orElseThrow();
    }

    @Test
    void theLongestLineOfAnyCommandIs1012Octets() {
        assertThat(SETTINGS.longestCommandLine()).isEqualTo(1012);
    }

    @Test
    void otherCommandsStopAt512Octets() {
        assertThat(reply(line("NOOP ", 512))).isEqualTo(Replies.OK_250);
        assertThat(reply(line("NOOP ", 513))).isEqualTo(Replies.LINE_TOO_LONG_500);
        assertThat(reply(line("VRFY ", 1012))).isEqualTo(Replies.LINE_TOO_LONG_500);
    }

    @Test
    void rcptMayBe1012OctetsForItsDsnParameters() {
        assertThat(reply("MAIL FROM:<alice@example.org> RET=HDRS")).isEqualTo(Replies.SENDER_OK_250);
        String rcpt = "RCPT TO:<bob@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;";
        assertThat(reply(line(rcpt, 1012))).isEqualTo(Replies.RECIPIENT_OK_250);
        assertThat(reply(line(rcpt, 1013))).isEqualTo(Replies.LINE_TOO_LONG_500);
        assertThat(reply(line("rcpt to:<carol@example.com> ORCPT=rfc822;", 1012))).as("the verb in any case")
                .isEqualTo(Replies.RECIPIENT_OK_250);
    }

    @Test
    void mailMayBe1012OctetsToo() {
        // No MAIL line with Mailroom's parameters reaches 1012 octets: a long unknown one shows the line was read.
        String mail = "MAIL FROM:<alice@example.org> X-PADDING=";
        assertThat(reply(line(mail, 1012))).isEqualTo(Replies.UNKNOWN_PARAMETER_555.with("X-PADDING"));
        assertThat(reply(line(mail, 1013))).isEqualTo(Replies.LINE_TOO_LONG_500);
        assertThat(reply("MAIL FROM:<alice@example.org>")).as("the session went on").isEqualTo(Replies.SENDER_OK_250);
    }

    @Test
    void aSaslResponseHasNoVerbAndStopsAt512Octets() {
        assertThat(reply("AUTH LOGIN").code()).isEqualTo(334);
        assertThat(reply(line("RCPT ", 513))).isEqualTo(Replies.LINE_TOO_LONG_500);
        assertThat(session.awaitingSaslResponse()).as("the exchange ended").isFalse();
    }
}
