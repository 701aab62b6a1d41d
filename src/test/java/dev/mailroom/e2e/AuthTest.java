package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailroom.policy.AuthThrottle;
import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.server.TlsSource;
import dev.mailroom.storage.PasswordHashes;
import dev.mailroom.storage.UsersFile;
import dev.mailroom.testkit.MailroomExtension;
import jakarta.mail.AuthenticationFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** AUTH PLAIN and LOGIN (RFC 4954) against a real users file, over real TLS. */
class AuthTest {
    private static final String PASSWORD = "correct horse battery";
    private static final Path USERS = usersFile();
    /** One free failure, then 300 ms, refused at the third: quick enough for a test. */
    private static final AuthThrottle.Limits LIMITS =
            new AuthThrottle.Limits(1, Duration.ofMillis(300), Duration.ofSeconds(1), 3, Duration.ofMinutes(1));

    @RegisterExtension
    final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test")
            .tls(new TlsSource.Pem(TlsFixtures.VALID.certificatePem(), TlsFixtures.VALID.keyPem()))
            .users(USERS).authLimits(LIMITS));

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

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private AngusClient angus(String mechanism) throws Exception {
        return AngusClient.forPort(mailroom.port(), Map.of(
                "mail.smtp.starttls.enable", "true",
                "mail.smtp.starttls.required", "true",
                "mail.smtp.ssl.socketFactory", TlsFixtures.VALID.trustingClient().getSocketFactory(),
                "mail.smtp.auth", "true",
                "mail.smtp.auth.mechanisms", mechanism));
    }

    /** A raw session over TLS, greeted again after STARTTLS. */
    private RawSmtpClient tlsSession(String fromAddress) throws Exception {
        RawSmtpClient plain = RawSmtpClient.connectFrom(fromAddress, mailroom.port());
        assertThat(plain.reply()).startsWith("220 ");
        assertThat(plain.command("EHLO client.test")).doesNotContain("AUTH");
        assertThat(plain.command("STARTTLS")).isEqualTo(Replies.READY_TO_START_TLS_220.wire());
        RawSmtpClient tls = plain.startTls(TlsFixtures.VALID.trustingClient());
        assertThat(tls.command("EHLO client.test")).contains("250-AUTH PLAIN LOGIN\r\n");
        return tls;
    }

    @Test
    void angusMailAuthenticatesWithPlainAndWithLoginOverStartTls() throws Exception {
        for (String mechanism : new String[] {"PLAIN", "LOGIN"}) {
            AngusClient client = angus(mechanism);
            client.send(client.message("alice@example.test", mechanism, "Hello\r\n", "bob@example.test"), "alice@example.test", PASSWORD);
        }
        for (ReceivedMessage received : mailroom.awaitMessages(2)) {
            assertThat(received.text()).contains("with ESMTPSA id " + received.id()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void angusMailWithAWrongPasswordGets535() throws Exception {
        AngusClient client = angus("PLAIN");
        assertThatThrownBy(() -> client.send(client.message("alice@example.test", "x", "x\r\n", "bob@example.test"),
                "alice@example.test", "wrong"))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535 5.7.8");
        assertThat(mailroom.messages()).isEmpty();
    }

    @Test
    void authBeforeTlsIs538AndNotAdvertised() throws Exception {
        try (RawSmtpClient plain = RawSmtpClient.session(mailroom.port())) {
            assertThat(plain.command("AUTH PLAIN " + plain("alice@example.test", PASSWORD)))
                    .isEqualTo(Replies.ENCRYPTION_REQUIRED_538.wire());
        }
    }

    @Test
    void repeatedFailuresFromOneAddressAreSlowedThenRefusedWhileOthersAreNot() throws Exception {
        try (RawSmtpClient client = tlsSession("127.0.0.3")) {
            assertThat(client.command("AUTH PLAIN " + plain("alice@example.test", "guess1"))).isEqualTo(Replies.AUTH_INVALID_535.wire());
            long start = System.nanoTime();
            assertThat(client.command("AUTH PLAIN " + plain("alice@example.test", "guess2"))).isEqualTo(Replies.AUTH_INVALID_535.wire());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the second failure is slowed down")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(client.command("AUTH PLAIN " + plain("alice@example.test", "guess3")))
                    .isEqualTo(Replies.TOO_MANY_AUTH_FAILURES_421.with("localhost").wire());
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawSmtpClient again = tlsSession("127.0.0.3")) {
            // Refused even with the right password: the guesser learns nothing more from this address.
            assertThat(again.command("AUTH PLAIN " + plain("alice@example.test", PASSWORD)))
                    .isEqualTo(Replies.TOO_MANY_AUTH_FAILURES_421.with("localhost").wire());
        }
        try (RawSmtpClient other = tlsSession("127.0.0.4")) {
            assertThat(other.command("AUTH PLAIN " + plain("alice@example.test", PASSWORD))).isEqualTo(Replies.AUTH_SUCCEEDED_235.wire());
        }
    }

    @Test
    void aUserAddedToTheFileCanLogInWithoutARestart() throws Exception {
        Map<String, String> users = new LinkedHashMap<>(UsersFile.read(USERS));
        users.put("carol@example.test", PasswordHashes.hash("carol's password".toCharArray()));
        UsersFile.write(USERS, users);
        Thread.sleep(2_100);   // the file is checked at most every two seconds
        try (RawSmtpClient client = tlsSession("127.0.0.5")) {
            assertThat(client.command("AUTH LOGIN")).isEqualTo(Replies.AUTH_CHALLENGE_334.with("VXNlcm5hbWU6").wire());
            assertThat(client.command(Base64.getEncoder().encodeToString("Carol@Example.test".getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(Replies.AUTH_CHALLENGE_334.with("UGFzc3dvcmQ6").wire());
            assertThat(client.command(Base64.getEncoder().encodeToString("carol's password".getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(Replies.AUTH_SUCCEEDED_235.wire());
        } finally {
            users.remove("carol@example.test");
            UsersFile.write(USERS, users);
        }
    }

    @Test
    void noPasswordReachesTheLogsEvenAtTrace() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
        try {
            try (RawSmtpClient client = tlsSession("127.0.0.6")) {
                assertThat(client.command("AUTH PLAIN " + plain("alice@example.test", "wrong-" + PASSWORD)))
                        .isEqualTo(Replies.AUTH_INVALID_535.wire());
                assertThat(client.command("AUTH LOGIN")).startsWith("334 ");
                client.command(Base64.getEncoder().encodeToString("alice@example.test".getBytes(StandardCharsets.UTF_8)));
                assertThat(client.command(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8))))
                        .isEqualTo(Replies.AUTH_SUCCEEDED_235.wire());
                assertThat(client.command("QUIT")).isEqualTo(Replies.CLOSING_221.wire());
            }
            Thread.sleep(200);   // the session's last log lines
        } finally {
            root.setLevel(before);
            root.detachAppender(appender);
        }
        String encodedPassword = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("event=auth-ok"))
                .allSatisfy(line -> assertThat(line).doesNotContain(PASSWORD, encodedPassword, plain("alice@example.test", "wrong-" + PASSWORD)));
    }

    @Nested
    class PlaintextAuthForLoopbackTests {
        @RegisterExtension
        final MailroomExtension plaintext = MailroomExtension.create(builder -> builder.domain("example.test")
                .users(USERS).allowPlaintextAuth(true));

        @Test
        void authIsOfferedAndWorksWithoutTls() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.connect(plaintext.port())) {
                assertThat(client.reply()).startsWith("220 ");
                assertThat(client.command("EHLO client.test")).contains("250-AUTH PLAIN LOGIN\r\n").doesNotContain("STARTTLS");
                assertThat(client.command("AUTH PLAIN " + plain("alice@example.test", PASSWORD))).isEqualTo(Replies.AUTH_SUCCEEDED_235.wire());
            }
        }
    }
}
