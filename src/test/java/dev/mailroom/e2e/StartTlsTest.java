package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.server.TlsSource;
import dev.mailroom.testkit.MailroomExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** STARTTLS (RFC 3207) over real TLS handshakes on loopback, with Angus Mail and with raw sockets. */
class StartTlsTest {
    @RegisterExtension
    static final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test")
            .tls(new TlsSource.Pem(TlsFixtures.VALID.certificatePem(), TlsFixtures.VALID.keyPem())));

    @Test
    void theServerPresentsItsWholeChainFromThePemFile() throws Exception {
        try (RawSmtpClient plain = RawSmtpClient.session(mailroom.port())) {
            assertThat(plain.command("STARTTLS")).isEqualTo(Replies.READY_TO_START_TLS_220.wire());
            RawSmtpClient tls = plain.startTls(TlsFixtures.VALID.trustingClient());
            assertThat(((SSLSocket) tls.socket()).getSession().getPeerCertificates())
                    .containsExactly(TlsFixtures.VALID.certificate(), TlsFixtures.VALID.authority());
        }
    }

    private static String ehloOverTls() {
        return Replies.HELLO_250.withLines(List.of("localhost greets client.test", "PIPELINING", "SIZE 26214400",
                "8BITMIME", "BINARYMIME", "CHUNKING", "ENHANCEDSTATUSCODES", "DSN", "SMTPUTF8")).wire();
    }

    @Test
    void angusMailWithStartTlsRequiredDeliversOverTls13() throws Exception {
        AngusClient client = AngusClient.forPort(mailroom.port(), Map.of(
                "mail.smtp.starttls.enable", "true",
                "mail.smtp.starttls.required", "true",
                "mail.smtp.ssl.checkserveridentity", "true",
                "mail.smtp.ssl.protocols", "TLSv1.3",
                "mail.smtp.ssl.socketFactory", TlsFixtures.VALID.trustingClient().getSocketFactory()));
        MimeMessage message = client.message("alice@sender.test", "Secret", "Only over TLS\r\n", "bob@example.test");

        String reply = client.send(message);

        ReceivedMessage received = mailroom.awaitMessages(1).getFirst();
        assertThat(reply).isEqualTo(Replies.QUEUED_250.with(received.id()).toString());
        assertThat(received.text()).containsPattern("\tby localhost \\(Mailroom\\) with ESMTPS id " + received.id());
        assertThat(received.content()).isEqualTo(new String(AngusClient.bytesOf(message), StandardCharsets.UTF_8));
    }

    @Test
    void angusMailOverTls12AlsoWorks() throws Exception {
        AngusClient client = AngusClient.forPort(mailroom.port(), Map.of(
                "mail.smtp.starttls.enable", "true",
                "mail.smtp.starttls.required", "true",
                "mail.smtp.ssl.protocols", "TLSv1.2",
                "mail.smtp.ssl.socketFactory", TlsFixtures.VALID.trustingClient().getSocketFactory()));

        client.send(client.message("alice@sender.test", "Old", "TLS 1.2\r\n", "bob@example.test"));

        assertThat(mailroom.awaitMessages(1).getFirst().text()).contains("with ESMTPS id");
    }

    @Test
    void tls11AndOlderAreRefused() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command("STARTTLS")).isEqualTo(Replies.READY_TO_START_TLS_220.wire());
            SSLContext context = TlsFixtures.VALID.trustingClient();
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(client.socket(), "localhost",
                    client.socket().getPort(), true);
            tls.setEnabledProtocols(new String[] {"TLSv1.1"});
            assertThatThrownBy(tls::startHandshake).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void starttlsIsAdvertisedAndTheSessionStartsOverAfterTheHandshake() throws Exception {
        try (RawSmtpClient plain = RawSmtpClient.connect(mailroom.port())) {
            assertThat(plain.reply()).startsWith("220 ");
            assertThat(plain.command("EHLO client.test")).contains("250-STARTTLS\r\n");
            assertThat(plain.command("MAIL FROM:<alice@sender.test>")).isEqualTo(Replies.SENDER_OK_250.wire());
            assertThat(plain.command("STARTTLS")).isEqualTo(Replies.TRANSACTION_IN_PROGRESS_503.with("STARTTLS").wire());
            assertThat(plain.command("RSET")).isEqualTo(Replies.OK_250.wire());
            assertThat(plain.command("STARTTLS")).isEqualTo(Replies.READY_TO_START_TLS_220.wire());

            RawSmtpClient tls = plain.startTls(TlsFixtures.VALID.trustingClient());
            assertThat(((SSLSocket) tls.socket()).getSession().getProtocol()).isEqualTo("TLSv1.3");
            // RFC 3207 §4.2: the client is not greeted any more, and STARTTLS is not offered again.
            assertThat(tls.command("MAIL FROM:<alice@sender.test>")).isEqualTo(Replies.HELLO_FIRST_503.wire());
            assertThat(tls.command("EHLO client.test")).isEqualTo(ehloOverTls());
            tls.startData("alice@sender.test", "bob@example.test").send("Subject: s\r\n\r\nsecret\r\n.\r\n");
            String queued = tls.reply();
            assertThat(queued).isEqualTo(Replies.QUEUED_250.with(mailroom.awaitMessages(1).getFirst().id()).wire());
            assertThat(tls.command("QUIT")).isEqualTo(Replies.CLOSING_221.wire());
            assertThat(tls.closedByServer()).isTrue();
        }
    }

    @Test
    void commandsPipelinedAfterStarttlsAreDiscardedNotRunInsideTls() throws Exception {
        // CVE-2011-0411: a man in the middle appends commands to the client's STARTTLS; if the server read them
        // after the handshake it would run them as if the client had sent them over TLS.
        try (RawSmtpClient plain = RawSmtpClient.session(mailroom.port())) {
            plain.send("STARTTLS\r\nRSET\r\nMAIL FROM:<mallory@attacker.test>\r\n");
            assertThat(plain.reply()).isEqualTo(Replies.READY_TO_START_TLS_220.wire());

            RawSmtpClient tls = plain.startTls(TlsFixtures.VALID.trustingClient());
            // Had RSET been kept, its 250 would come first; had MAIL, RCPT would be accepted below.
            assertThat(tls.command("EHLO client.test")).isEqualTo(ehloOverTls());
            assertThat(tls.command("RCPT TO:<bob@example.test>")).isEqualTo(Replies.NEED_MAIL_503.wire());
            assertThat(tls.command("QUIT")).isEqualTo(Replies.CLOSING_221.wire());
            assertThat(tls.closedByServer()).isTrue();
        }
    }

    @Test
    void starttlsTwiceIs503() throws Exception {
        try (RawSmtpClient plain = RawSmtpClient.session(mailroom.port())) {
            assertThat(plain.command("STARTTLS")).isEqualTo(Replies.READY_TO_START_TLS_220.wire());
            RawSmtpClient tls = plain.startTls(TlsFixtures.VALID.trustingClient());
            assertThat(tls.command("STARTTLS")).isEqualTo(Replies.TLS_ALREADY_ACTIVE_503.wire());
            assertThat(tls.command("EHLO client.test")).isEqualTo(ehloOverTls());
            assertThat(tls.command("STARTTLS")).isEqualTo(Replies.TLS_ALREADY_ACTIVE_503.wire());
            assertThat(tls.command("NOOP")).isEqualTo(Replies.OK_250.wire());
        }
    }

    @Test
    void starttlsWithAParameterIs501AndTheSessionStaysPlain() throws Exception {
        try (RawSmtpClient plain = RawSmtpClient.session(mailroom.port())) {
            assertThat(plain.command("STARTTLS now")).isEqualTo(Replies.NO_ARGUMENTS_ALLOWED_501.with("STARTTLS").wire());
            assertThat(plain.command("NOOP")).isEqualTo(Replies.OK_250.wire());
        }
    }

    @Test
    void plainTextInsteadOfAClientHelloClosesTheConnectionWithoutAReply() throws Exception {
        try (RawSmtpClient plain = RawSmtpClient.session(mailroom.port())) {
            assertThat(plain.command("STARTTLS")).isEqualTo(Replies.READY_TO_START_TLS_220.wire());
            plain.send("MAIL FROM:<alice@sender.test>\r\n");
            byte[] answer = plain.readToEnd();   // returns only once the server has closed the connection
            if (answer.length > 0) {
                assertThat(answer[0]).as("a TLS alert record, never an SMTP reply").isEqualTo((byte) 0x15);
            }
        }
        assertThat(RawSmtpClient.session(mailroom.port()).command("QUIT")).isEqualTo(Replies.CLOSING_221.wire());
    }

    @Test
    void aClientSpeakingTlsOnThePlainPortFailsItsHandshakeAndTheServerCarriesOn() throws Exception {
        SSLContext context = TlsFixtures.VALID.trustingClient();
        try (Socket socket = context.getSocketFactory().createSocket("127.0.0.1", mailroom.port())) {
            socket.setSoTimeout(20_000);
            // The server's "220 ..." greeting is no TLS record: the client gives up.
            assertThatThrownBy(((SSLSocket) socket)::startHandshake).isInstanceOf(SSLException.class);
        }
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command("NOOP")).isEqualTo(Replies.OK_250.wire());
        }
    }

    @Nested
    class WithAnExpiredCertificate {
        @RegisterExtension
        final MailroomExtension expired = MailroomExtension.create(builder -> builder.domain("example.test")
                .tls(new TlsSource.Pem(TlsFixtures.EXPIRED.certificatePem(), TlsFixtures.EXPIRED.keyPem())));

        @Test
        void theClientRejectsTheHandshakeAndNothingIsDelivered() throws Exception {
            // The client trusts this very certificate: only its dates are wrong.
            AngusClient client = AngusClient.forPort(expired.port(), Map.of(
                    "mail.smtp.starttls.enable", "true",
                    "mail.smtp.starttls.required", "true",
                    "mail.smtp.ssl.socketFactory", TlsFixtures.EXPIRED.trustingClient().getSocketFactory()));
            MimeMessage message = client.message("alice@sender.test", "Hi", "Hello\r\n", "bob@example.test");

            assertThatThrownBy(() -> client.send(message)).isInstanceOf(MessagingException.class)
                    .hasRootCauseInstanceOf(CertificateExpiredException.class);
            assertThat(expired.messages()).isEmpty();
            try (RawSmtpClient after = RawSmtpClient.session(expired.port())) {
                assertThat(after.command("NOOP")).isEqualTo(Replies.OK_250.wire());   // the server carries on
            }
        }
    }
}
