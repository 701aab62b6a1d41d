package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailroom.testkit.MailroomExtension;
import dev.mailroom.transport.SessionLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The operator's log lines, from real sessions: one per transaction, one per connection, stable key=value. */
class LogLinesTest {
    @RegisterExtension
    MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test").maxErrors(2));

    private final Logger logger = (Logger) LoggerFactory.getLogger(SessionLog.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void capture() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(levelBefore);
    }

    @Test
    void aSessionWithOneMessageLogsATransactionLineAndASessionLine() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.21", mailroom.port())) {
            client.reply();
            client.command("EHLO client.test");
            client.startData("alice@example.org", "bob@example.test", "carol@example.test");
            String queued = client.command("Subject: hi\r\n\r\nHello.\r\n.");
            client.command("QUIT");
            String id = queued.substring(queued.lastIndexOf(' ') + 1).strip();

            List<String> logged = awaitLines("127.0.0.21", 2);

            assertThat(logged.get(0)).matches("session=\\w+ client=127\\.0\\.0\\.21 event=transaction helo=client\\.test"
                    + " from=alice@example\\.org rcpts=2 size=23 id=" + Pattern.quote(id) + " code=250 enhanced=2\\.0\\.0 duration_ms=\\d+");
            assertThat(logged.get(1)).matches("session=\\w+ client=127\\.0\\.0\\.21 event=session helo=client\\.test"
                    + " messages=1 outcome=quit code=221 enhanced=2\\.0\\.0 duration_ms=\\d+");
        }
    }

    @Test
    void theFieldsAreAlsoKeyValuePairsForJsonEncoders() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.22", mailroom.port())) {
            client.reply();
            client.command("QUIT");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !events("127.0.0.22").isEmpty());

        Map<String, Object> fields = events("127.0.0.22").getFirst().getKeyValuePairs().stream()
                .collect(Collectors.toMap(pair -> pair.key, pair -> pair.value));

        assertThat(fields).containsEntry("event", "session").containsEntry("client", "127.0.0.22")
                .containsEntry("outcome", "quit").containsEntry("code", 221).containsEntry("messages", 0)
                .containsKeys("session", "duration_ms");
    }

    @Test
    void aRefusedMessageLogsItsCodeAndNoId() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.23", mailroom.port())) {
            client.reply();
            client.command("EHLO client.test");
            client.startData("", "bob@example.test");   // the null sender
            assertThat(client.send("bare\nline feed\r\n.\r\n").reply()).startsWith("550 5.5.2");
            client.command("QUIT");

            assertThat(awaitLines("127.0.0.23", 2).getFirst())
                    .contains(" from=<> rcpts=1 size=", " code=550 enhanced=5.5.2 ").doesNotContain(" id=");
        }
    }

    @Test
    void aSessionClosedForTooManyErrorsSaysSo() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.25", mailroom.port())) {
            client.reply();
            client.command("FOO");
            client.command("BAR");
            assertThat(client.command("BAZ")).startsWith("421 4.7.0");

            assertThat(awaitLines("127.0.0.25", 1).getFirst()).contains(" outcome=closed code=421 enhanced=4.7.0 ");
        }
    }

    @Nested
    class WithHashedAddresses {
        @RegisterExtension
        MailroomExtension hashing = MailroomExtension.create(builder -> builder.domain("example.test").hashAddresses(true));

        @Test
        void theSenderIsLoggedAsItsHashTheSameForTheSameAddress() throws Exception {
            for (String sender : List.of("alice@example.org", "ALICE@example.org")) {
                try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.26", hashing.port())) {
                    client.reply();
                    client.command("EHLO client.test");
                    client.startData(sender, "bob@example.test");
                    assertThat(client.command("Hello.\r\n.")).startsWith("250 ");
                }
            }

            List<String> transactions = awaitLines("127.0.0.26", 4).stream().filter(l -> l.contains("event=transaction")).toList();

            assertThat(transactions).hasSize(2).allSatisfy(line -> assertThat(line)
                    .contains(" from=sha256:" + sha256Prefix("alice@example.org") + " ").doesNotContain("alice"));
        }

        private static String sha256Prefix(String text) throws Exception {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 8);
        }
    }

    private List<String> awaitLines(String client, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> events(client).size() >= count);
        return events(client).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<ILoggingEvent> events(String client) {
        synchronized (lines) {
            return lines.list.stream().filter(e -> e.getFormattedMessage().contains(" client=" + client + " ")).toList();
        }
    }
}
