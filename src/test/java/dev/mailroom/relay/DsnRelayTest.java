package dev.mailroom.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.e2e.MaildirFiles;
import dev.mailroom.e2e.RawSmtpClient;
import dev.mailroom.server.MailroomServer;
import dev.mailroom.server.RelayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DSN parameters of RFC 3461 from the client's MAIL and RCPT to what the relay does: which reports the sender
 * gets, what they quote, and what the next hop is told. A relay client, the server, and scripted MX hosts.
 */
class DsnRelayTest {
    @TempDir
    Path data;

    private MailroomServer start(RelayConfig config) throws IOException {
        return MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test").hostname("relay.example.test")
                .dataDirectory(data).relay(config).build().start();
    }

    /** Sends one message with these MAIL and RCPT lines from the relay client. */
    private static void send(MailroomServer server, String mail, String... rcpts) throws IOException {
        try (RawSmtpClient client = RawSmtpClient.connectFrom(RelayServerTest.RELAY_CLIENT, server.port())) {
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("EHLO client.test")).contains("250-DSN\r\n");
            assertThat(client.command(mail)).startsWith("250 ");
            for (String rcpt : rcpts) {
                assertThat(client.command(rcpt)).startsWith("250 ");
            }
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command("Subject: dsn\r\n\r\nThe whole body.\r\n.")).startsWith("250 ");
            client.command("QUIT");
        }
    }

    /** The messages in one local mailbox's new/, oldest first. */
    private static List<String> inbox(MailroomServer server, String localPart) throws IOException {
        Path inbox = MaildirFiles.maildir(server, "example.test", localPart).resolve("new");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        try (var files = Files.list(inbox)) {
            for (Path file : files.sorted().toList()) {
                messages.add(Files.readString(file));
            }
        }
        return messages;
    }

    /** The reports in a local sender's Maildir, once the queue is empty and late reports had their chance. */
    static List<String> reportsTo(MailroomServer server, String localPart, Path data) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> RelayServerTest.isEmpty(data.resolve("queue/entries")));
        Thread.sleep(500);   // room for a report that should not come
        return inbox(server, localPart);
    }

    @Test
    void notifyNeverSilencesOneBounceWhileTheOthersReportQuotesEnvidOrcptAndTheWholeMessage() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.2", 0, ScriptedMx.Script.answering(
                     command -> command.contains("<dan@") || command.contains("<erin@"), "550 5.1.1 no such user"))) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.2");
            try (MailroomServer server = start(RelayServerTest.relayConfig(dns, mx.port()))) {
                send(server, "MAIL FROM:<alice@example.test> RET=FULL ENVID=QQ+2B1",
                        "RCPT TO:<dan@remote.test> NOTIFY=NEVER",
                        "RCPT TO:<erin@remote.test> NOTIFY=FAILURE ORCPT=rfc822;erin+2Bold@example.org",
                        "RCPT TO:<bob@remote.test>");

                List<String> reports = reportsTo(server, "alice", data);
                assertThat(reports).hasSize(1);
                assertThat(reports.getFirst()).startsWith("Return-Path: <>\r\n")
                        .contains("Subject: Undelivered Mail Returned to Sender\r\n")
                        .contains("Content-Type: message/delivery-status\r\n\r\nOriginal-Envelope-Id: QQ+1\r\n"
                                + "Reporting-MTA: dns; relay.example.test\r\n")
                        .contains("\r\n\r\nOriginal-Recipient: rfc822;erin+old@example.org\r\n"
                                + "Final-Recipient: rfc822; erin@remote.test\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                        .doesNotContain("dan@remote.test")
                        // RET=FULL: the message itself, body and all, not only its headers.
                        .contains("Content-Type: message/rfc822\r\n\r\nReceived: from client.test")
                        .contains("Subject: dsn\r\n\r\nThe whole body.\r\n\r\n--=_mailroom_")
                        .doesNotContain("text/rfc822-headers");
                // The MX offers no DSN: it is given none of the parameters.
                assertThat(mx.commands()).contains("MAIL FROM:<alice@example.test>", "RCPT TO:<bob@remote.test>");
                assertThat(mx.accepted()).singleElement().extracting(ScriptedMx.Accepted::recipients)
                        .isEqualTo(List.of("<bob@remote.test>"));
            }
        }
    }

    @Test
    void notifySuccessIsPassedOnToAHostWithDsnAndAnsweredWithARelayedReportForOneWithout() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx plain = new ScriptedMx("127.0.0.2", 0, new ScriptedMx.Script() { });
             ScriptedMx withDsn = new ScriptedMx("127.0.0.3", plain.port(), ScriptedMx.Script.answering(
                     command -> command.startsWith("EHLO"), "250-dsn.scripted.test\r\n250-PIPELINING\r\n250 DSN"))) {
            dns.mx("plain.test", 10, "mx.plain.test").a("mx.plain.test", "127.0.0.2")
                    .mx("dsn.test", 10, "mx.dsn.test").a("mx.dsn.test", "127.0.0.3");
            try (MailroomServer server = start(RelayServerTest.relayConfig(dns, plain.port()))) {
                send(server, "MAIL FROM:<alice@example.test> RET=FULL ENVID=run+2B7",
                        "RCPT TO:<bob@plain.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+2Bx@example.org",
                        "RCPT TO:<carol@dsn.test> NOTIFY=SUCCESS ORCPT=rfc822;carol@example.org",
                        "RCPT TO:<dan@dsn.test>",
                        "RCPT TO:<erin@plain.test>");

                List<String> reports = reportsTo(server, "alice", data);
                // The host with DSN got the parameters as the client gave them (RFC 3461 §5.2.1), none added.
                assertThat(withDsn.commands()).contains("MAIL FROM:<alice@example.test> RET=FULL ENVID=run+2B7",
                        "RCPT TO:<carol@dsn.test> NOTIFY=SUCCESS ORCPT=rfc822;carol@example.org", "RCPT TO:<dan@dsn.test>");
                assertThat(plain.commands()).contains("MAIL FROM:<alice@example.test>", "RCPT TO:<bob@plain.test>",
                        "RCPT TO:<erin@plain.test>");
                // The host without DSN cannot report on bob, who asked for it: Mailroom does, and only for him.
                assertThat(reports).singleElement().asString()
                        .contains("Subject: Successful Mail Delivery Report\r\n")
                        .contains("Content-Type: message/delivery-status\r\n\r\nOriginal-Envelope-Id: run+7\r\n")
                        .contains("\r\n\r\nOriginal-Recipient: rfc822;bob+x@example.org\r\n"
                                + "Final-Recipient: rfc822; bob@plain.test\r\nAction: relayed\r\nStatus: 2.0.0\r\n"
                                + "Remote-MTA: dns; mx.plain.test\r\nDiagnostic-Code: smtp; 250 2.0.0 queued as X1\r\n")
                        .doesNotContain("carol@").doesNotContain("dan@").doesNotContain("erin@")
                        // A report of success returns the headers only, whatever RET said (RFC 3461 §4.3).
                        .contains("Content-Type: text/rfc822-headers\r\n\r\nReceived: from client.test")
                        .contains("Subject: dsn\r\n")
                        .doesNotContain("The whole body.");
            }
        }
    }

    @Test
    void notifySuccessForALocalRecipientPutsADeliveredReportInTheLocalSendersMaildir() throws Exception {
        try (MailroomServer server = start(RelayConfig.DEFAULT.withRelayNetworks(List.of(RelayServerTest.RELAY_CLIENT + "/32")))) {
            send(server, "MAIL FROM:<alice@example.test> ENVID=abc",
                    "RCPT TO:<carol@example.test> NOTIFY=SUCCESS ORCPT=rfc822;carol@example.test",
                    "RCPT TO:<dan@example.test> NOTIFY=FAILURE,DELAY",
                    "RCPT TO:<erin@example.test>");

            // The report was durable before the 250: it is there now, with nothing left to wait for.
            assertThat(inbox(server, "carol")).singleElement().asString().contains("Subject: dsn\r\n\r\nThe whole body.");
            assertThat(inbox(server, "dan")).hasSize(1);
            assertThat(inbox(server, "erin")).hasSize(1);
            assertThat(inbox(server, "alice")).singleElement().asString()
                    .startsWith("Return-Path: <>\r\n")
                    .contains("Subject: Successful Mail Delivery Report\r\n")
                    .contains("<carol@example.test>: delivered to mailbox\r\n")
                    .contains("Content-Type: message/delivery-status\r\n\r\nOriginal-Envelope-Id: abc\r\n")
                    .contains("\r\n\r\nOriginal-Recipient: rfc822;carol@example.test\r\n"
                            + "Final-Recipient: rfc822; carol@example.test\r\nAction: delivered\r\nStatus: 2.0.0\r\n\r\n--=_mailroom_")
                    .contains("Content-Type: text/rfc822-headers\r\n\r\nReceived: from client.test")
                    .contains("Subject: dsn\r\n")
                    .doesNotContain("The whole body.").doesNotContain("dan@").doesNotContain("erin@");
            assertThat(RelayServerTest.isEmpty(data.resolve("queue/entries"))).isTrue();
        }
    }

    @Test
    void aMessageFromTheNullSenderGetsNoDeliveredReport() throws Exception {
        try (MailroomServer server = start(RelayConfig.DEFAULT.withRelayNetworks(List.of(RelayServerTest.RELAY_CLIENT + "/32")))) {
            send(server, "MAIL FROM:<> ENVID=abc", "RCPT TO:<carol@example.test> NOTIFY=SUCCESS");

            assertThat(inbox(server, "carol")).hasSize(1);
            assertThat(MaildirFiles.all(server)).hasSize(1);
            assertThat(RelayServerTest.isEmpty(data.resolve("queue/entries"))).isTrue();
        }
    }

    @Test
    void aRemoteSendersDeliveredReportGoesThroughTheQueueWithTheRemotePartOfTheMessage() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.2", 0, new ScriptedMx.Script() { })) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.2");
            try (MailroomServer server = start(RelayServerTest.relayConfig(dns, mx.port()))) {
                send(server, "MAIL FROM:<zed@remote.test> ENVID=abc",
                        "RCPT TO:<carol@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;carol@example.test",
                        "RCPT TO:<bob@remote.test>");

                await().atMost(Duration.ofSeconds(10)).until(() -> mx.accepted().size() == 2);
                assertThat(inbox(server, "carol")).hasSize(1);
                assertThat(mx.accepted()).filteredOn(accepted -> accepted.sender().startsWith("<zed@"))
                        .singleElement().extracting(ScriptedMx.Accepted::recipients).isEqualTo(List.of("<bob@remote.test>"));
                ScriptedMx.Accepted report = mx.accepted().stream().filter(accepted -> accepted.sender().equals("<>"))
                        .findFirst().orElseThrow();
                assertThat(report.recipients()).containsExactly("<zed@remote.test>");
                assertThat(report.data()).contains("To: <zed@remote.test>\r\n")
                        .contains("Content-Type: message/delivery-status\r\n\r\nOriginal-Envelope-Id: abc\r\n")
                        .contains("\r\n\r\nOriginal-Recipient: rfc822;carol@example.test\r\n"
                                + "Final-Recipient: rfc822; carol@example.test\r\nAction: delivered\r\nStatus: 2.0.0\r\n")
                        .doesNotContain("bob@remote.test");
            }
        }
    }

    @Test
    void theDelayWarningLeavesOutRecipientsWhoseNotifyHasNoDelay() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.2", 0,
                     ScriptedMx.Script.answering(command -> command.startsWith("RCPT"), "451 4.7.1 greylisted"))) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.2");
            RelayConfig config = RelayServerTest.relayConfig(dns, mx.port()).withDelayWarning(Optional.of(Duration.ofSeconds(1)));
            try (MailroomServer server = start(config)) {
                send(server, "MAIL FROM:<alice@example.test>", "RCPT TO:<bob@remote.test> NOTIFY=FAILURE,SUCCESS",
                        "RCPT TO:<carol@remote.test>");
                send(server, "MAIL FROM:<alice@example.test> ENVID=second", "RCPT TO:<dan@remote.test> NOTIFY=NEVER");

                Path inbox = MaildirFiles.maildir(server, "example.test", "alice").resolve("new");
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.isDirectory(inbox) && !RelayServerTest.isEmpty(inbox));
                await().atMost(Duration.ofSeconds(10)).until(() -> mx.connections() >= 6);   // both retried since
                try (var files = Files.list(inbox)) {
                    List<Path> reports = files.toList();
                    assertThat(reports).hasSize(1);
                    assertThat(Files.readString(reports.getFirst())).contains("Subject: Delayed Mail (still being retried)")
                            .contains("Final-Recipient: rfc822; carol@remote.test\r\nAction: delayed\r\nStatus: 4.7.1\r\n")
                            .doesNotContain("bob@remote.test").doesNotContain("dan@remote.test").doesNotContain("second");
                }
            }
        }
    }
}
