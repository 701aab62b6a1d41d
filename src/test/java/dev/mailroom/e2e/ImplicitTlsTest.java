package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.server.TlsSource;
import dev.mailroom.testkit.MailroomExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The implicit-TLS listener (RFC 8314 §3.3, "smtps"): TLS from the first octet, then SMTP inside it; it is a
 * submission port, so mail needs AUTH.
 */
class ImplicitTlsTest {
    @RegisterExtension
    static final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test")
            .tls(new TlsSource.Pkcs12(TlsFixtures.VALID.keystore(), TestCertificates.PASSWORD))
            .users(SubmissionTest.USERS)
            .smtps("127.0.0.1", 0));

    @Test
    void angusMailOverSmtpsDelivers() throws Exception {
        AngusClient client = AngusClient.forPort(mailroom.server().smtpsPort(), Map.of(
                "mail.smtp.ssl.enable", "true",
                "mail.smtp.ssl.checkserveridentity", "true",
                "mail.smtp.auth", "true",
                "mail.smtp.ssl.socketFactory", TlsFixtures.VALID.trustingClient().getSocketFactory()));

        String reply = client.send(client.message("alice@example.test", "Implicit", "Hello\r\n", "bob@example.test"),
                "alice@example.test", SubmissionTest.PASSWORD);

        ReceivedMessage received = mailroom.awaitMessages(1).getFirst();
        assertThat(reply).isEqualTo(Replies.QUEUED_250.with(received.id()).toString());
        assertThat(received.text()).contains("with ESMTPSA id " + received.id());
    }

    @Test
    void theGreetingComesInsideTlsStarttlsIsNeitherOfferedNorAcceptedAndMailNeedsAuth() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.connectTls(mailroom.server().smtpsPort(), TlsFixtures.VALID.trustingClient())) {
            assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(client.reply()).isEqualTo(Replies.GREETING_220.with("localhost").wire());
            assertThat(client.command("EHLO client.test")).doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS")).isEqualTo(Replies.TLS_ALREADY_ACTIVE_503.wire());
            assertThat(client.command("MAIL FROM:<alice@example.test>")).isEqualTo(Replies.AUTH_REQUIRED_530.wire());
        }
    }

    @Test
    void plainTextOnTheTlsPortGetsNoSmtpReplyAndIsClosed() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.connect(mailroom.server().smtpsPort())) {
            client.send("EHLO client.test\r\n");
            // The server reads a ClientHello and finds none: at most a TLS alert comes back, then the end.
            byte[] received = client.readToEnd();
            assertThat(new String(received, StandardCharsets.ISO_8859_1)).doesNotContain("220", "250");
            if (received.length > 0) {
                assertThat(received[0]).as("a TLS alert record").isEqualTo((byte) 0x15);
            }
        }
    }

    @Test
    void thePlainPortStillSpeaksPlainText() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command("NOOP")).isEqualTo(Replies.OK_250.wire());
        }
    }
}
