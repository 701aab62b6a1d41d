package dev.mailroom.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.e2e.MaildirFiles;
import dev.mailroom.e2e.RawSmtpClient;
import dev.mailroom.e2e.TlsFixtures;
import dev.mailroom.reply.Replies;
import dev.mailroom.server.MailroomServer;
import dev.mailroom.server.RelayConfig;
import dev.mailroom.server.TlsSource;
import dev.mailroom.storage.PasswordHashes;
import dev.mailroom.storage.UsersFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole relay: a client in a relay network, the server queues, the runner delivers to scripted MX hosts. */
class RelayServerTest {
    static final String RELAY_CLIENT = "127.0.0.20";
    static final String OTHER_CLIENT = "127.0.0.21";

    @TempDir
    Path data;

    static RelayConfig relayConfig(LoopbackDns dns, int port) {
        return RelayConfig.DEFAULT.withRelayNetworks(List.of(RELAY_CLIENT + "/32"))
                .withDns(Optional.of(dns.address())).withDeliveryPort(port)
                .withRetrySchedule(List.of(Duration.ofSeconds(1))).withQueueLifetime(Duration.ofSeconds(30))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)).withScanInterval(Duration.ofMillis(100));
    }

    @Test
    void aRelayClientsMessageIsDeliveredLocallyAndRemotely() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.2", 0, new ScriptedMx.Script() {
                 @Override
                 public String reply(int connection, String command) {
                     if (command.contains("<dan@")) {
                         return "550 5.1.1 <dan@remote.test>: no such user";
                     }
                     if (command.contains("<erin@") && connection == 1) {
                         return "451 4.7.1 greylisted, try again later";
                     }
                     return ScriptedMx.Script.super.reply(connection, command);
                 }
             })) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.2");
            try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test")
                    .hostname("relay.example.test").dataDirectory(data).relay(relayConfig(dns, mx.port())).build().start()) {

                try (RawSmtpClient other = RawSmtpClient.connectFrom(OTHER_CLIENT, server.port())) {
                    other.reply();
                    other.command("EHLO other.test");
                    other.command("MAIL FROM:<x@other.test>");
                    assertThat(other.command("RCPT TO:<bob@remote.test>")).startsWith("554 5.7.1");
                }

                try (RawSmtpClient client = RawSmtpClient.connectFrom(RELAY_CLIENT, server.port())) {
                    assertThat(client.reply()).startsWith("220 ");
                    client.command("EHLO client.test");
                    client.startData("alice@example.test", "carol@example.test", "bob@remote.test", "dan@remote.test", "erin@remote.test");
                    assertThat(client.command("Subject: relay\r\n\r\nHello remote.\r\n.")).startsWith("250 ");
                    client.command("QUIT");
                }

                // bob@ delivered at once, dan@ bounced, erin@ greylisted at first and delivered at the retry 1 s later.
                await().atMost(Duration.ofSeconds(10)).until(() -> mx.accepted().size() == 2);
                ScriptedMx.Accepted delivered = mx.accepted().getFirst();
                assertThat(delivered.sender()).isEqualTo("<alice@example.test>");
                assertThat(delivered.recipients()).containsExactly("<bob@remote.test>");
                assertThat(mx.accepted().get(1).recipients()).containsExactly("<erin@remote.test>");
                assertThat(mx.connections()).isEqualTo(2);
                assertThat(delivered.data()).startsWith("Received: from client.test").contains("Hello remote.")
                        .doesNotContain("Return-Path");
                assertThat(Files.list(MaildirFiles.maildir(server, "example.test", "carol").resolve("new"))).hasSize(1);
                await().atMost(Duration.ofSeconds(10)).until(() -> isEmpty(data.resolve("queue/entries")));

                // dan@ bounced: alice, a local sender, gets the report in her Maildir.
                Path aliceNew = MaildirFiles.maildir(server, "example.test", "alice").resolve("new");
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.isDirectory(aliceNew) && !isEmpty(aliceNew));
                String report;
                try (var files = Files.list(aliceNew)) {
                    report = Files.readString(files.findFirst().orElseThrow());
                }
                assertThat(report).startsWith("Return-Path: <>\r\n")
                        .contains("Content-Type: multipart/report; report-type=delivery-status;")
                        .contains("Final-Recipient: rfc822; dan@remote.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                                + "Remote-MTA: dns; mx.remote.test\r\n"
                                + "Diagnostic-Code: smtp; 550 5.1.1 <dan@remote.test>: no such user\r\n")
                        .contains("Content-Type: text/rfc822-headers\r\n\r\nReceived: from client.test")
                        .contains("Subject: relay\r\n")
                        .doesNotContain("Final-Recipient: rfc822; bob@").doesNotContain("Final-Recipient: rfc822; erin@")
                        .doesNotContain("Hello remote.");
            }
        }
    }

    @Test
    void anAuthenticatedUsersMailForAnotherDomainIsRelayedAndAnUnauthenticatedClientsRefused() throws Exception {
        Path users = data.resolveSibling(data.getFileName() + "-users");
        UsersFile.write(users, Map.of("alice@example.test", PasswordHashes.hash("secret".toCharArray())));
        String credentials = Base64.getEncoder().encodeToString("\0alice@example.test\0secret".getBytes(StandardCharsets.UTF_8));
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.2", 0, new ScriptedMx.Script() { })) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.2");
            try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test")
                    .hostname("relay.example.test").dataDirectory(data).relay(relayConfig(dns, mx.port()))
                    .tls(new TlsSource.Pem(TlsFixtures.VALID.certificatePem(), TlsFixtures.VALID.keyPem()))
                    .users(users).submission("127.0.0.1", 0).build().start()) {

                // Not in a relay network and not authenticated: still no relay, on any port.
                try (RawSmtpClient other = RawSmtpClient.connectFrom(OTHER_CLIENT, server.port())) {
                    other.reply();
                    other.command("EHLO other.test");
                    other.command("MAIL FROM:<alice@example.test>");
                    assertThat(other.command("RCPT TO:<bob@remote.test>"))
                            .isEqualTo(Replies.RELAY_DENIED_554.with("bob@remote.test").wire());
                }

                try (RawSmtpClient plain = RawSmtpClient.connectFrom(OTHER_CLIENT, server.submissionPort())) {
                    plain.reply();
                    plain.command("EHLO client.test");
                    assertThat(plain.command("STARTTLS")).startsWith("220 ");
                    RawSmtpClient client = plain.startTls(TlsFixtures.VALID.trustingClient());
                    client.command("EHLO client.test");
                    assertThat(client.command("AUTH PLAIN " + credentials)).startsWith("235 ");
                    client.startData("alice@example.test", "bob@remote.test", "carol@example.test");
                    assertThat(client.command("Subject: submitted\r\n\r\nFrom a user.\r\n.")).startsWith("250 ");
                    client.command("QUIT");
                }

                await().atMost(Duration.ofSeconds(10)).until(() -> mx.accepted().size() == 1
                        && isEmpty(data.resolve("queue/entries")));
                ScriptedMx.Accepted relayed = mx.accepted().getFirst();
                assertThat(relayed.sender()).isEqualTo("<alice@example.test>");
                assertThat(relayed.recipients()).containsExactly("<bob@remote.test>");
                assertThat(relayed.data()).startsWith("Received: from client.test").contains(" with ESMTPSA id ")
                        .contains("From a user.");
                assertThat(Files.list(MaildirFiles.maildir(server, "example.test", "carol").resolve("new"))).hasSize(1);
            }
        }
    }

    @Test
    void mailAnOlderVersionLeftInOutgoingIsQueuedAtStartAndDelivered() throws Exception {
        Path outgoing = Files.createDirectories(data.resolve("outgoing/new"));
        Files.createDirectories(data.resolve("outgoing/tmp"));
        Files.writeString(outgoing.resolve("OLD1.envelope"), "from <alice@example.test>\nto <bob@remote.test>\n"
                + "to <dan@remote.test>\nuser alice@example.test\nbody 8BITMIME\n");
        Files.writeString(outgoing.resolve("OLD1.eml"), "Received: from client.test\r\nSubject: waiting\r\n\r\nStill here.\r\n");
        Files.writeString(outgoing.resolve("OLD2.envelope"), "from <>\nto <x@remote.test>\n");   // its message never landed
        Files.writeString(data.resolve("outgoing/tmp/OLD3.eml"), "half a mess");
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.2", 0, new ScriptedMx.Script() { })) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.2");
            try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test")
                    .hostname("relay.example.test").dataDirectory(data).relay(relayConfig(dns, mx.port())).build().start()) {
                assertThat(data.resolve("outgoing")).doesNotExist();
                await().atMost(Duration.ofSeconds(10)).until(() -> mx.accepted().size() == 1);
                ScriptedMx.Accepted relayed = mx.accepted().getFirst();
                assertThat(relayed.sender()).isEqualTo("<alice@example.test>");
                assertThat(relayed.recipients()).containsExactly("<bob@remote.test>", "<dan@remote.test>");
                assertThat(relayed.data()).isEqualTo("Received: from client.test\r\nSubject: waiting\r\n\r\nStill here.\r\n");
            }
        }
    }

    static boolean isEmpty(Path directory) throws java.io.IOException {
        try (var files = Files.list(directory)) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    void aRemoteSendersBounceIsRelayedFromTheNullSenderAndABounceIsNeverBounced() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.2", 0,
                     ScriptedMx.Script.answering(command -> command.contains("<nobody@remote.test>"), "550 5.1.1 no such user"))) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.2");
            try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test")
                    .hostname("relay.example.test").dataDirectory(data).relay(relayConfig(dns, mx.port())).build().start();
                 RawSmtpClient client = RawSmtpClient.connectFrom(RELAY_CLIENT, server.port())) {
                client.reply();
                client.command("EHLO client.test");
                client.startData("sender@remote.test", "nobody@remote.test");
                assertThat(client.command("Subject: one\r\n\r\nx\r\n.")).startsWith("250 ");
                client.startData("", "nobody@remote.test");
                assertThat(client.command("Subject: two\r\n\r\ny\r\n.")).startsWith("250 ");

                await().atMost(Duration.ofSeconds(10)).until(() -> mx.accepted().size() == 1
                        && isEmpty(data.resolve("queue/entries")));
                Thread.sleep(500);   // room for a wrong second report to show up
                ScriptedMx.Accepted report = mx.accepted().getFirst();
                assertThat(mx.accepted()).hasSize(1);
                assertThat(report.sender()).isEqualTo("<>");
                assertThat(report.recipients()).containsExactly("<sender@remote.test>");
                assertThat(report.data()).contains("Subject: Undelivered Mail Returned to Sender")
                        .contains("Final-Recipient: rfc822; nobody@remote.test").contains("Subject: one");
            }
        }
    }

    @Test
    void aSmartHostTakesEverythingWithoutAnMxLookup() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx smart = new ScriptedMx("127.0.0.6", 0, new ScriptedMx.Script() { })) {
            // No DNS records at all: with a smart host none are needed.
            RelayConfig config = relayConfig(dns, 25).withSmartHost(Optional.of(new java.net.InetSocketAddress("127.0.0.6", smart.port())));
            try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test")
                    .hostname("relay.example.test").dataDirectory(data).relay(config).build().start();
                 RawSmtpClient client = RawSmtpClient.connectFrom(RELAY_CLIENT, server.port())) {
                client.reply();
                client.command("EHLO client.test");
                client.startData("alice@example.test", "x@one.test", "y@two.test");
                assertThat(client.command("Subject: s\r\n\r\nz\r\n.")).startsWith("250 ");

                // One destination: one transaction for both domains' recipients.
                await().atMost(Duration.ofSeconds(10)).until(() -> smart.accepted().size() == 1);
                assertThat(smart.accepted().getFirst().recipients()).containsExactly("<x@one.test>", "<y@two.test>");
            }
        }
    }

    @Test
    void theSmartHostGetsAuthPlainAndAWrongPasswordDefers() throws Exception {
        String good = java.util.Base64.getEncoder().encodeToString("\0relay\0s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx smart = new ScriptedMx("127.0.0.6", 0, new ScriptedMx.Script() {
                 @Override
                 public String reply(int connection, String command) {
                     if (command.startsWith("EHLO")) {
                         return "250-smart.test\r\n250 AUTH PLAIN LOGIN";
                     }
                     if (command.startsWith("AUTH PLAIN ")) {
                         return command.equals("AUTH PLAIN " + good) ? "235 2.7.0 ok" : "535 5.7.8 bad credentials";
                     }
                     return ScriptedMx.Script.super.reply(connection, command);
                 }
             })) {
            Path password = Files.writeString(data.resolveSibling(data.getFileName() + "-password"), "wrong\n");
            RelayConfig config = relayConfig(dns, 25)
                    .withSmartHost(Optional.of(new java.net.InetSocketAddress("127.0.0.6", smart.port())))
                    .withSmartHostAuth(Optional.of("relay"), Optional.of(password));
            try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test")
                    .hostname("relay.example.test").dataDirectory(data).relay(config).build().start();
                 RawSmtpClient client = RawSmtpClient.connectFrom(RELAY_CLIENT, server.port())) {
                client.reply();
                client.command("EHLO client.test");
                client.startData("alice@example.test", "x@one.test");
                assertThat(client.command("Subject: s\r\n\r\nz\r\n.")).startsWith("250 ");
                await().atMost(Duration.ofSeconds(10)).until(() -> smart.commands().stream().anyMatch(c -> c.startsWith("AUTH")));
                Thread.sleep(300);
                assertThat(smart.accepted()).isEmpty();
                assertThat(smart.commands()).noneMatch(c -> c.startsWith("MAIL"));
            }
            Files.writeString(password, "s3cret\n");
            try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test")
                    .hostname("relay.example.test").dataDirectory(data).relay(config).build().start()) {
                // The deferred message, retried by the restarted server with the right password.
                await().atMost(Duration.ofSeconds(10)).until(() -> smart.accepted().size() == 1);
                assertThat(smart.accepted().getFirst().recipients()).containsExactly("<x@one.test>");
            }
        }
    }

    @Test
    void aDelayWarningIsSentOnceWhileTheMessageStaysQueued() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.2", 0,
                     ScriptedMx.Script.answering(command -> command.startsWith("RCPT"), "451 4.7.1 greylisted"))) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.2");
            RelayConfig config = relayConfig(dns, mx.port()).withDelayWarning(Optional.of(Duration.ofSeconds(1)));
            try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test")
                    .hostname("relay.example.test").dataDirectory(data).relay(config).build().start();
                 RawSmtpClient client = RawSmtpClient.connectFrom(RELAY_CLIENT, server.port())) {
                client.reply();
                client.command("EHLO client.test");
                client.startData("alice@example.test", "bob@remote.test");
                assertThat(client.command("Subject: slow\r\n\r\nz\r\n.")).startsWith("250 ");

                Path aliceNew = MaildirFiles.maildir(server, "example.test", "alice").resolve("new");
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.isDirectory(aliceNew) && !isEmpty(aliceNew));
                await().atMost(Duration.ofSeconds(10)).until(() -> mx.connections() >= 4);   // retries go on
                try (var files = Files.list(aliceNew)) {
                    List<Path> reports = files.toList();
                    assertThat(reports).hasSize(1);
                    assertThat(Files.readString(reports.getFirst())).contains("Subject: Delayed Mail (still being retried)")
                            .contains("Final-Recipient: rfc822; bob@remote.test\r\nAction: delayed\r\nStatus: 4.7.1\r\n")
                            .contains("Diagnostic-Code: smtp; 451 4.7.1 greylisted\r\nWill-Retry-Until: ");
                }
                assertThat(isEmpty(data.resolve("queue/entries"))).isFalse();
            }
        }
    }
}
