package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The core only hints the tarpit's delay; the transport waits. */
class TarpitTest {
    private static final SessionSettings SETTINGS = new SessionSettings("mx.example.com", 1000, 100, 5, true, SessionSettings.MIN_LINE_LENGTH);
    private static final Duration DELAY = Duration.ofMillis(700);

    private static Step line(SmtpSession session, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return session.onLine(bytes, 0, bytes.length);
    }

    @Test
    void repliesAfterTheNthErrorCarryTheDelayAndTheMthStillCloses() {
        SmtpSession session = new SmtpSession(SETTINGS, SessionPolicy.ACCEPT_ALL, SessionSecurity.NONE, new Tarpit(2, DELAY));
        session.open(Admission.ACCEPTED);
        line(session, "EHLO client.test");
        assertThat(session.replyDelay()).isZero();
        line(session, "XYZZY");
        assertThat(session.replyDelay()).as("the first error's own reply").isZero();
        line(session, "XYZZY");
        assertThat(session.replyDelay()).as("the second error's own reply").isZero();
        assertThat(line(session, "NOOP").reply()).contains(Replies.OK_250);
        assertThat(session.replyDelay()).as("every reply after the second error").isEqualTo(DELAY);
        line(session, "XYZZY");
        line(session, "XYZZY");
        line(session, "XYZZY");
        Step closing = line(session, "NOOP");
        assertThat(closing.reply()).contains(Replies.TOO_MANY_ERRORS_421.with("mx.example.com"));
        assertThat(closing.next()).isEqualTo(Step.Next.CLOSE);
        assertThat(session.replyDelay()).isEqualTo(DELAY);
    }

    @Test
    void withoutATarpitNoReplyIsDelayed() {
        SmtpSession session = new SmtpSession(SETTINGS, SessionPolicy.ACCEPT_ALL);
        session.open(Admission.ACCEPTED);
        for (int i = 0; i < 4; i++) {
            line(session, "XYZZY");
            assertThat(session.replyDelay()).isZero();
        }
    }
}
