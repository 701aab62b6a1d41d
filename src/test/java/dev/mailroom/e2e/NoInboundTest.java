package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.testkit.MailroomExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Accept-no-mail mode (RFC 7504 §3): 521 greeting, 521 to every command but QUIT, which gets 221. */
class NoInboundTest {
    @RegisterExtension
    static final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.acceptsMail(false));

    private static String noMailService() {
        return Replies.NO_MAIL_SERVICE_521.with(mailroom.server().config().hostname()).wire();
    }

    private static RawSmtpClient greeted() throws Exception {
        RawSmtpClient client = RawSmtpClient.connect(mailroom.port());
        assertThat(client.reply()).isEqualTo(noMailService());
        return client;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"EHLO client.test", "HELO client.test", "MAIL FROM:<alice@sender.test>",
            "RCPT TO:<bob@localhost>", "DATA", "NOOP", "RSET", "VRFY bob", "HELP", "XYZZY"})
    void everyCommandIs521(String command) throws Exception {
        try (RawSmtpClient client = greeted()) {
            assertThat(client.command(command)).isEqualTo(noMailService());
        }
    }

    @Test
    void aBdatChunkIsSkippedAnd521() throws Exception {
        try (RawSmtpClient client = greeted()) {
            client.send("BDAT 6\r\nHELP\r\n");
            assertThat(client.reply()).isEqualTo(noMailService());
            assertThat(client.command("NOOP")).isEqualTo(noMailService());
        }
    }

    @Test
    void quitIs221AndCloses() throws Exception {
        try (RawSmtpClient client = greeted()) {
            assertThat(client.command("EHLO client.test")).isEqualTo(noMailService());
            assertThat(client.command("QUIT")).isEqualTo(Replies.CLOSING_221.wire());
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
