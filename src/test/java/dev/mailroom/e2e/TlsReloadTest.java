package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.MailroomServer;
import dev.mailroom.server.SecurityConfig;
import dev.mailroom.server.ServerBuilder;
import dev.mailroom.server.ServerConfig;
import dev.mailroom.server.TlsSource;
import dev.mailroom.storage.PasswordHashes;
import dev.mailroom.storage.UsersFile;
import dev.mailroom.testkit.MailroomExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TLS and AUTH meet the operations side: a reload keeps STARTTLS and AUTH working (and can point at another
 * users file), the submission addresses need a restart, and the metrics count handshakes and AUTH verdicts.
 */
class TlsReloadTest {
    private static final String PASSWORD = "correct horse battery";
    private static final Path DIRECTORY = directory();
    private static final Path ALICE = users("alice-users", "alice@example.test");
    private static final Path BOB = users("bob-users", "bob@example.test");

    @RegisterExtension
    final MailroomExtension mailroom = MailroomExtension.create(builder -> secured(builder, ALICE));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static ServerBuilder secured(ServerBuilder builder, Path users) {
        return builder.domain("example.test").admin("127.0.0.1", 0)
                .tls(new TlsSource.Pem(TlsFixtures.VALID.certificatePem(), TlsFixtures.VALID.keyPem()))
                .users(users).submission("127.0.0.1", 0);
    }

    private static Path directory() {
        try {
            Path directory = Files.createTempDirectory("mailroom-tls-reload-");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path users(String name, String user) {
        try {
            Path file = DIRECTORY.resolve(name);
            UsersFile.write(file, Map.of(user, PasswordHashes.hash(PASSWORD.toCharArray())));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** STARTTLS on {@code port}, then AUTH PLAIN; the reply to AUTH. */
    private static String authenticate(int port, String user, String password) throws Exception {
        try (RawSmtpClient plain = RawSmtpClient.connect(port)) {
            assertThat(plain.reply()).startsWith("220 ");
            plain.command("EHLO client.test");
            assertThat(plain.command("STARTTLS")).isEqualTo(Replies.READY_TO_START_TLS_220.wire());
            RawSmtpClient tls = plain.startTls(TlsFixtures.VALID.trustingClient());
            assertThat(tls.command("EHLO client.test")).contains("250-AUTH PLAIN LOGIN\r\n");
            return tls.command("AUTH PLAIN " + plain(user, password));
        }
    }

    /** The running configuration, changed by {@code change}, on the builder the extension used. */
    private void reconfigure(UnaryOperator<ServerBuilder> change) {
        MailroomServer server = mailroom.server();
        ServerBuilder builder = change.apply(MailroomServer.builder().listen("127.0.0.1", 0)
                .dataDirectory(server.config().dataDirectory()).admin("127.0.0.1", 0));
        server.reconfigure(builder.config(), builder.security());
    }

    @Test
    void aReloadKeepsStartTlsAndAuthAndCanChangeTheUsersFile() throws Exception {
        reconfigure(builder -> secured(builder, ALICE).hostname("new.test").anySender(true));

        assertThat(authenticate(mailroom.port(), "alice@example.test", PASSWORD)).startsWith("235 ");
        assertThat(authenticate(mailroom.server().submissionPort(), "alice@example.test", PASSWORD)).startsWith("235 ");
        assertThat(mailroom.server().security().anySender()).isTrue();

        reconfigure(builder -> secured(builder, BOB));

        assertThat(authenticate(mailroom.port(), "bob@example.test", PASSWORD)).startsWith("235 ");
        assertThat(authenticate(mailroom.port(), "alice@example.test", PASSWORD)).startsWith("535 ");
    }

    @Test
    void submissionAddressesNeedARestart() {
        MailroomServer server = mailroom.server();
        SecurityConfig running = server.security();
        ServerConfig config = server.config();

        assertThatThrownBy(() -> reconfigure(builder -> secured(builder, ALICE).smtps("127.0.0.1", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("smtps can change only with a restart");

        assertThat(server.security()).isSameAs(running);
        assertThat(server.config()).isSameAs(config);
    }

    @Test
    void aUsersFileThatCannotBeReadIsRefusedAndTheRunningOneKept() throws Exception {
        SecurityConfig running = mailroom.server().security();

        assertThatThrownBy(() -> reconfigure(builder -> secured(builder, DIRECTORY.resolve("missing"))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(mailroom.server().security()).isSameAs(running);
        assertThat(authenticate(mailroom.port(), "alice@example.test", PASSWORD)).startsWith("235 ");
    }

    @Test
    void metricsCountTlsHandshakesAndAuthVerdicts() throws Exception {
        assertThat(authenticate(mailroom.port(), "alice@example.test", PASSWORD)).startsWith("235 ");
        assertThat(authenticate(mailroom.port(), "alice@example.test", "wrong")).startsWith("535 ");
        try (RawSmtpClient plain = RawSmtpClient.connect(mailroom.port())) {
            plain.reply();
            plain.command("EHLO client.test");
            plain.command("STARTTLS");
            plain.send("this is no TLS handshake\r\n");
            plain.readToEnd();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> get().contains("mailroom_tls_handshakes_total{result=\"failed\"}"));

        assertThat(get().lines()).contains(
                "mailroom_tls_handshakes_total{result=\"ok\"} 2.0",
                "mailroom_tls_handshakes_total{result=\"failed\"} 1.0",
                "mailroom_auth_total{result=\"accepted\"} 1.0",
                "mailroom_auth_total{result=\"rejected\"} 1.0");
    }

    private String get() throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + mailroom.server().adminAddress().orElseThrow().getPort() + "/metrics");
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
