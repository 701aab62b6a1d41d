package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.server.MailroomServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Greylisting over loopback: 451 4.7.1 at first, 250 after the delay, and still 250 after a restart. */
class GreylistingTest {
    private static final Duration DELAY = Duration.ofMillis(800);

    @TempDir
    Path data;

    private MailroomServer server() {
        var builder = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test").dataDirectory(data)
                .hostname("mx.example.test");
        builder.protect().greylist(true).greylistDelay(DELAY);
        return builder.build().start();
    }

    private static String rcpt(int port, String from, String sender, String recipient) throws Exception {
        try (RawSmtpClient client = RawSmtpClient.connectFrom(from, port)) {
            assertThat(client.reply()).startsWith("220 ");
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<" + sender + ">")).startsWith("250 ");
            return client.command("RCPT TO:<" + recipient + ">");
        }
    }

    @Test
    void aFirstAttemptIsGreylistedAndARetryAfterTheDelayPassesEvenAfterARestart() throws Exception {
        try (MailroomServer server = server()) {
            assertThat(rcpt(server.port(), "127.0.0.2", "alice@sender.test", "bob@example.test"))
                    .startsWith("451 4.7.1 Greylisted");
            assertThat(rcpt(server.port(), "127.0.0.2", "alice@sender.test", "bob@example.test"))
                    .as("too early").startsWith("451 4.7.1 Greylisted");
            Thread.sleep(DELAY.toMillis() + 100);
            assertThat(rcpt(server.port(), "127.0.0.3", "alice@sender.test", "bob@example.test"))
                    .as("the same /24, after the delay").startsWith("250 ");
            assertThat(rcpt(server.port(), "127.0.0.2", "alice@sender.test", "relay@elsewhere.test"))
                    .as("relay attempts are refused, not greylisted").startsWith("554 5.7.1");
        }
        assertThat(Files.readString(data.resolve("protect/greylist.tsv"))).contains("alice@sender.test");
        try (MailroomServer restarted = server()) {
            assertThat(rcpt(restarted.port(), "127.0.0.2", "alice@sender.test", "bob@example.test")).startsWith("250 ");
            assertThat(rcpt(restarted.port(), "127.0.0.2", "carol@sender.test", "bob@example.test"))
                    .startsWith("451 4.7.1 Greylisted");
        }
    }
}
