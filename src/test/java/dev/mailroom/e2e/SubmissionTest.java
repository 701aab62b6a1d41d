package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.delivery.RecipientState;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.server.RelayConfig;
import dev.mailroom.server.TlsSource;
import dev.mailroom.storage.PasswordHashes;
import dev.mailroom.storage.UsersFile;
import dev.mailroom.testkit.MailroomExtension;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The submission port (RFC 6409): STARTTLS and AUTH before mail, then any destination, from one's own address; mail
 * for other domains goes to the relay queue (its delivery: RelayServerTest).
 */
class SubmissionTest {
    static final String PASSWORD = "correct horse battery";
    static final Path USERS = usersFile();

    /** A next hop nobody listens on: mail for other domains is deferred, and stays in the queue to be looked at. */
    static final RelayConfig NEXT_HOP_REFUSES = RelayConfig.DEFAULT
            .withSmartHost(Optional.of(new InetSocketAddress("127.0.0.1", 1)));

    @RegisterExtension
    final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test")
            .tls(new TlsSource.Pem(TlsFixtures.VALID.certificatePem(), TlsFixtures.VALID.keyPem()))
            .users(USERS).submission("127.0.0.1", 0).relay(NEXT_HOP_REFUSES));

    private static Path usersFile() {
        try {
            Path file = Files.createTempDirectory("mailroom-users-").resolve("users");
            file.toFile().deleteOnExit();
            file.getParent().toFile().deleteOnExit();
            UsersFile.write(file, Map.of("alice@example.test", PasswordHashes.hash(PASSWORD.toCharArray())));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plainCredentials() {
        return Base64.getEncoder().encodeToString(("\0alice@example.test\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** The one message in the relay queue. */
    private QueueEntry queued() throws IOException {
        MailQueue queue = MailQueue.open(mailroom.server().config().dataDirectory().resolve("queue"), Clock.systemUTC(), false);
        List<QueueEntry> entries = queue.entries();
        assertThat(entries).hasSize(1);
        return entries.getFirst();
    }

    private Path queuedMessage(QueueEntry entry) {
        return mailroom.server().config().dataDirectory().resolve("queue").resolve("messages").resolve(entry.id());
    }

    @Test
    void angusMailSubmitsToALocalAndARemoteRecipient() throws Exception {
        AngusClient client = AngusClient.forPort(mailroom.server().submissionPort(), Map.of(
                "mail.smtp.starttls.enable", "true",
                "mail.smtp.starttls.required", "true",
                "mail.smtp.auth", "true",
                "mail.smtp.ssl.socketFactory", TlsFixtures.VALID.trustingClient().getSocketFactory()));
        MimeMessage message = client.message("alice@example.test", "Out", "To the world\r\n", "carol@remote.test",
                "dave@example.test");

        String reply = client.send(message, "alice@example.test", PASSWORD);

        ReceivedMessage received = mailroom.awaitMessages(1).getFirst();
        assertThat(reply).isEqualTo(Replies.QUEUED_250.with(received.id()).toString());
        byte[] sent = AngusClient.bytesOf(message);
        // The local copy: final delivery, so Return-Path first.
        Path local = MaildirFiles.maildir(mailroom.server(), "example.test", "dave").resolve("new");
        try (Stream<Path> files = Files.list(local)) {
            assertThat(files.toList()).singleElement().satisfies(file ->
                    assertThat(Files.readString(file)).startsWith("Return-Path: <alice@example.test>\r\nReceived: ")
                            .contains(" with ESMTPSA id " + received.id()).endsWith(new String(sent, StandardCharsets.UTF_8)));
        }
        // The remote copy is in the relay queue: the message without Return-Path, only the remote recipient.
        QueueEntry entry = queued();
        assertThat(entry.sender()).contains("alice@example.test");
        assertThat(entry.recipients()).extracting(RecipientState::address).containsExactly("carol@remote.test");
        assertThat(received.files()).contains(queuedMessage(entry));
        assertThat(Files.readString(queuedMessage(entry))).startsWith("Received: ").doesNotContain("Return-Path:")
                .endsWith(new String(sent, StandardCharsets.UTF_8));
    }

    @Test
    void tlsThenAuthAreRequiredAndUsersSendOnlyAsThemselves() throws Exception {
        try (RawSmtpClient plain = RawSmtpClient.connect(mailroom.server().submissionPort())) {
            assertThat(plain.reply()).startsWith("220 ");
            assertThat(plain.command("EHLO client.test")).contains("250-STARTTLS\r\n").doesNotContain("AUTH");
            assertThat(plain.command("MAIL FROM:<alice@example.test>")).isEqualTo(Replies.TLS_REQUIRED_530.wire());
            assertThat(plain.command("AUTH PLAIN " + plainCredentials())).isEqualTo(Replies.ENCRYPTION_REQUIRED_538.wire());
            assertThat(plain.command("STARTTLS")).isEqualTo(Replies.READY_TO_START_TLS_220.wire());

            RawSmtpClient tls = plain.startTls(TlsFixtures.VALID.trustingClient());
            assertThat(tls.command("EHLO client.test")).contains("250-AUTH PLAIN LOGIN\r\n");
            assertThat(tls.command("MAIL FROM:<alice@example.test>")).isEqualTo(Replies.AUTH_REQUIRED_530.wire());
            assertThat(tls.command("AUTH PLAIN " + plainCredentials())).isEqualTo(Replies.AUTH_SUCCEEDED_235.wire());
            assertThat(tls.command("MAIL FROM:<mallory@example.test>"))
                    .isEqualTo(Replies.SENDER_NOT_OWNED_553.with("mallory@example.test", "alice@example.test").wire());
            assertThat(tls.command("MAIL FROM:<Alice@Example.TEST>")).isEqualTo(Replies.SENDER_OK_250.wire());
            assertThat(tls.command("RCPT TO:<carol@remote.test>")).isEqualTo(Replies.RECIPIENT_OK_250.wire());
        }
    }

    @Test
    void theMxPortStillRefusesRelayButAllowsItAfterAuth() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            assertThat(client.command("MAIL FROM:<alice@example.test>")).isEqualTo(Replies.SENDER_OK_250.wire());
            assertThat(client.command("RCPT TO:<carol@remote.test>")).isEqualTo(Replies.RELAY_DENIED_554.with("carol@remote.test").wire());
            assertThat(client.command("RSET")).isEqualTo(Replies.OK_250.wire());
            assertThat(client.command("STARTTLS")).isEqualTo(Replies.READY_TO_START_TLS_220.wire());
            RawSmtpClient tls = client.startTls(TlsFixtures.VALID.trustingClient());
            assertThat(tls.command("EHLO client.test")).contains("AUTH PLAIN LOGIN");
            assertThat(tls.command("AUTH PLAIN " + plainCredentials())).isEqualTo(Replies.AUTH_SUCCEEDED_235.wire());
            tls.startData("alice@example.test", "carol@remote.test").send("Subject: relayed\r\n\r\nHi\r\n.\r\n");
            String queued = tls.reply();
            ReceivedMessage received = mailroom.awaitMessages(1).getFirst();
            assertThat(queued).isEqualTo(Replies.QUEUED_250.with(received.id()).wire());
            assertThat(received.files()).containsExactly(queuedMessage(queued()));
            assertThat(received.content()).isEqualTo("Subject: relayed\r\n\r\nHi\r\n");
        }
    }

    @Nested
    class WithAnySender {
        @RegisterExtension
        final MailroomExtension open = MailroomExtension.create(builder -> builder.domain("example.test")
                .tls(new TlsSource.Pem(TlsFixtures.VALID.certificatePem(), TlsFixtures.VALID.keyPem()))
                .users(USERS).submission("127.0.0.1", 0).anySender(true));

        @Test
        void anAuthenticatedUserMaySendAsAnyone() throws Exception {
            try (RawSmtpClient plain = RawSmtpClient.session(open.server().submissionPort())) {
                assertThat(plain.command("STARTTLS")).isEqualTo(Replies.READY_TO_START_TLS_220.wire());
                RawSmtpClient tls = plain.startTls(TlsFixtures.VALID.trustingClient());
                assertThat(tls.command("EHLO client.test")).startsWith("250-");
                assertThat(tls.command("AUTH PLAIN " + plainCredentials())).isEqualTo(Replies.AUTH_SUCCEEDED_235.wire());
                assertThat(List.of(tls.command("MAIL FROM:<newsletter@elsewhere.test>"))).containsExactly(Replies.SENDER_OK_250.wire());
            }
        }
    }
}
