package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.server.MailroomServer;
import dev.mailroom.testkit.MailroomExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The admin listener over real HTTP: Prometheus metrics after a scripted session, and the health checks. */
class AdminEndpointTest {
    @RegisterExtension
    MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test")
            .admin("127.0.0.1", 0).maxConnectionsPerIp(1));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void metricsCountTheSessionItsRepliesAndItsMessage() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            client.startData("alice@example.org", "bob@example.test");
            assertThat(client.command("Subject: hi\r\n\r\nHello.\r\n.")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<bob@example.test>")).startsWith("503 ");
            try (RawSmtpClient second = RawSmtpClient.connect(mailroom.port())) {
                assertThat(second.reply()).startsWith("421 4.7.0");   // one connection per address
            }
            client.command("QUIT");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/metrics").body().contains("outcome=\"quit\""));

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body().lines()).contains(
                "mailroom_connections_total 2.0",
                "mailroom_connections_open 0.0",
                "mailroom_limiter_rejections_total{reason=\"too_many_from_client\"} 1.0",
                "mailroom_sessions_total{outcome=\"quit\"} 1.0",
                "mailroom_sessions_total{outcome=\"refused\"} 1.0",
                "mailroom_replies_total{code=\"220\"} 1.0",
                "mailroom_replies_total{code=\"250\"} 4.0",
                "mailroom_replies_total{code=\"354\"} 1.0",
                "mailroom_replies_total{code=\"503\"} 1.0",
                "mailroom_replies_total{code=\"421\"} 1.0",
                "mailroom_replies_total{code=\"221\"} 1.0",
                "mailroom_messages_accepted_total 1.0",
                "mailroom_received_bytes_total 23.0",
                "mailroom_transaction_duration_seconds_count{code=\"250\"} 1",
                "mailroom_transaction_duration_seconds_bucket{code=\"250\",le=\"+Inf\"} 1");
    }

    @Test
    void liveAndReadyWhileServing() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\n");
    }

    @Test
    void notReadyWhileDraining() throws Exception {
        MailroomServer server = mailroom.server();
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            client.startData("alice@example.org", "bob@example.test");   // a message in progress holds the drain open
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);

            await().atMost(Duration.ofSeconds(10)).until(() -> get("/health/ready").statusCode() == 503);
            assertThat(get("/health/ready").body()).isEqualTo("draining\n");
            assertThat(get("/health/live").statusCode()).isEqualTo(200);

            assertThat(client.command("Hello.\r\n.")).startsWith("250 ");
            stopping.get();
        }
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/health/live"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void notReadyWhenStorageCannotBeWritten(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mail"), "a file where the mail directory should be");
        try (MailroomServer broken = MailroomServer.builder().listen("127.0.0.1", 0).admin("127.0.0.1", 0)
                .dataDirectory(dir).hostname("localhost").build().start()) {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + broken.adminAddress().orElseThrow().getPort() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).startsWith("storage ");
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + mailroom.server().adminAddress().orElseThrow().getPort() + path);
    }
}
