package dev.mailroom.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.e2e.RawSmtpClient;
import dev.mailroom.server.MailroomServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's metrics on the admin endpoint, after one message whose recipients are delivered, deferred and bounced. */
class RelayMetricsTest {
    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void queueAndAttemptsAfterADeliveryADeferralAndABounce() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.2", 0, ScriptedMx.Script
                     .answering(command -> command.contains("<dan@"), "550 5.1.1 no such user")
                     .and(command -> command.contains("<erin@"), "451 4.7.1 greylisted"))) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.2");
            // A retry only after 30 s: erin@ stays deferred while the test looks.
            try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test")
                    .hostname("relay.example.test").dataDirectory(data).admin("127.0.0.1", 0)
                    .relay(RelayServerTest.relayConfig(dns, mx.port()).withRetrySchedule(List.of(Duration.ofSeconds(30)))
                            .withQueueLifetime(Duration.ofMinutes(5)))
                    .build().start()) {
                URI metrics = URI.create("http://127.0.0.1:" + server.adminAddress().orElseThrow().getPort() + "/metrics");
                assertThat(get(metrics).lines()).contains("mailroom_queue_messages 0.0",
                        "mailroom_queue_oldest_message_age_seconds 0.0");

                try (RawSmtpClient client = RawSmtpClient.connectFrom(RelayServerTest.RELAY_CLIENT, server.port())) {
                    client.reply();
                    client.command("EHLO client.test");
                    client.startData("alice@example.test", "bob@remote.test", "dan@remote.test", "erin@remote.test");
                    assertThat(client.command("Subject: metrics\r\n\r\nCounted.\r\n.")).startsWith("250 ");
                }
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        get(metrics).contains("mailroom_queue_recipients{state=\"deferred\"} 1.0"));

                List<String> lines = get(metrics).lines().toList();
                assertThat(lines).contains(
                        "mailroom_delivery_attempts_total{outcome=\"delivered\",reply=\"2xx\"} 1.0",
                        "mailroom_delivery_attempts_total{outcome=\"deferred\",reply=\"4xx\"} 1.0",
                        "mailroom_delivery_attempts_total{outcome=\"bounced\",reply=\"5xx\"} 1.0",
                        "mailroom_relay_recipients_total{state=\"delivered\"} 1.0",
                        "mailroom_relay_recipients_total{state=\"bounced\"} 1.0",
                        "mailroom_queue_messages 1.0",
                        "mailroom_queue_recipients{state=\"pending\"} 0.0",
                        "mailroom_queue_recipients{state=\"deferred\"} 1.0");
                double age = lines.stream().filter(line -> line.startsWith("mailroom_queue_oldest_message_age_seconds "))
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElseThrow();
                assertThat(age).isGreaterThan(0.0).isLessThan(30.0);
            }
        }
    }

    private String get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
