package dev.mailroom.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.e2e.RawSmtpClient;
import dev.mailroom.server.MailroomServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BODY= (RFC 6152, RFC 3030) and SMTPUTF8 (RFC 6531) from the relay client's MAIL to the next hop: passed on to a
 * host that offers them, and to one that does not, the message goes as it is when its bytes need nothing more, or
 * bounces with 5.6.3 / 5.6.7. A relay client, the server, and scripted MX hosts with chosen EHLO keywords.
 */
class MimeRelayTest {
    private static final String RICH_EHLO = "250-rich.scripted.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n"
            + "250-BINARYMIME\r\n250 CHUNKING";
    /** Binary by RFC 3030's measure: a NUL and a bare LF. */
    private static final String BINARY = "Subject: bin\r\n\r\n\0raw\nbare LF\r\n";

    @TempDir
    Path data;

    /** Sends one message by DATA from the relay client. */
    private static void send(MailroomServer server, String mail, String rcpt, String message) throws IOException {
        try (RawSmtpClient client = session(server, mail, rcpt)) {
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command(message + ".")).startsWith("250 ");
            client.command("QUIT");
        }
    }

    /** Sends one BODY=BINARYMIME message by one BDAT chunk from the relay client. */
    private static void sendBinary(MailroomServer server, String rcpt, String message) throws IOException {
        try (RawSmtpClient client = session(server, "MAIL FROM:<alice@example.test> BODY=BINARYMIME", rcpt)) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            client.send("BDAT " + bytes.length + " LAST\r\n").send(bytes);
            assertThat(client.reply()).startsWith("250 ");
            client.command("QUIT");
        }
    }

    private static RawSmtpClient session(MailroomServer server, String mail, String rcpt) throws IOException {
        RawSmtpClient client = RawSmtpClient.connectFrom(RelayServerTest.RELAY_CLIENT, server.port());
        assertThat(client.reply()).startsWith("220 ");
        assertThat(client.command("EHLO client.test")).contains("250-8BITMIME\r\n").contains("250 SMTPUTF8\r\n");
        assertThat(client.command(mail)).startsWith("250 ");
        assertThat(client.command(rcpt)).startsWith("250 ");
        return client;
    }

    private MailroomServer start(LoopbackDns dns, int port) throws IOException {
        return MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test").hostname("relay.example.test")
                .dataDirectory(data).relay(RelayServerTest.relayConfig(dns, port)).build().start();
    }

    private static ScriptedMx.Accepted acceptedFor(ScriptedMx mx, String recipient) {
        return mx.accepted().stream().filter(message -> message.recipients().contains(recipient)).findFirst().orElseThrow();
    }

    @Test
    void aHostThatOffersThemIsToldBodyTypeAndSmtpUtf8AndGetsBinaryByBdat() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx rich = new ScriptedMx("127.0.0.2", 0, ScriptedMx.Script.answering(command -> command.startsWith("EHLO"), RICH_EHLO))) {
            dns.mx("rich.test", 10, "mx.rich.test").a("mx.rich.test", "127.0.0.2");
            try (MailroomServer server = start(dns, rich.port())) {
                send(server, "MAIL FROM:<alice@example.test> BODY=8BITMIME SMTPUTF8", "RCPT TO:<josé@rich.test>",
                        "Subject: café\r\n\r\nDéjà vu.\r\n");
                send(server, "MAIL FROM:<alice@example.test>", "RCPT TO:<bob@rich.test>", "Subject: plain\r\n\r\nHello.\r\n");
                sendBinary(server, "RCPT TO:<carol@rich.test>", BINARY);

                assertThat(DsnRelayTest.reportsTo(server, "alice", data)).isEmpty();
                assertThat(rich.commands()).contains("MAIL FROM:<alice@example.test> BODY=8BITMIME SMTPUTF8",
                        "MAIL FROM:<alice@example.test>", "MAIL FROM:<alice@example.test> BODY=BINARYMIME");
                assertThat(acceptedFor(rich, "<josé@rich.test>").data()).endsWith("\r\nSubject: café\r\n\r\nDéjà vu.\r\n");
                assertThat(acceptedFor(rich, "<bob@rich.test>").data()).endsWith("\r\nSubject: plain\r\n\r\nHello.\r\n");
                // The binary message went as one chunk, byte for byte (no dot-stuffing, no end-of-data line).
                String binary = acceptedFor(rich, "<carol@rich.test>").data();
                assertThat(binary).endsWith("\r\n" + BINARY).startsWith("Received: ");
                assertThat(rich.commands()).contains("BDAT " + binary.getBytes(StandardCharsets.UTF_8).length + " LAST")
                        .filteredOn(command -> command.startsWith("BDAT") || command.equals("DATA")).hasSize(3);
            }
        }
    }

    @Test
    void aHostWithoutThemGetsWhatNeedsNoneTheNextMxTheRestAndTheOthersBounceWith563Or567() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx plain = new ScriptedMx("127.0.0.3", 0, new ScriptedMx.Script() { });
             ScriptedMx rich = new ScriptedMx("127.0.0.2", plain.port(),
                     ScriptedMx.Script.answering(command -> command.startsWith("EHLO"), RICH_EHLO))) {
            dns.mx("plain.test", 10, "mx.plain.test").a("mx.plain.test", "127.0.0.3")
                    .mx("mixed.test", 10, "mx.plain.test").mx("mixed.test", 20, "mx.rich.test").a("mx.rich.test", "127.0.0.2");
            try (MailroomServer server = start(dns, plain.port())) {
                String eightBit = "Subject: menu\r\n\r\nCrème brûlée\r\n";
                send(server, "MAIL FROM:<alice@example.test> BODY=8BITMIME", "RCPT TO:<ascii@plain.test>", "Subject: ascii\r\n\r\nPlain.\r\n");
                send(server, "MAIL FROM:<alice@example.test> BODY=8BITMIME", "RCPT TO:<eight@plain.test>", eightBit);
                send(server, "MAIL FROM:<alice@example.test> SMTPUTF8", "RCPT TO:<josé@plain.test>", "Subject: hola\r\n\r\nHola.\r\n");
                sendBinary(server, "RCPT TO:<bin@plain.test>", BINARY);
                send(server, "MAIL FROM:<alice@example.test> BODY=8BITMIME", "RCPT TO:<dan@mixed.test>", eightBit);

                List<String> reports = DsnRelayTest.reportsTo(server, "alice", data);
                // The 8BITMIME message that is ASCII after all goes as it is, without the parameter the host does not know.
                assertThat(plain.accepted()).singleElement().extracting(ScriptedMx.Accepted::recipients).isEqualTo(List.of("<ascii@plain.test>"));
                assertThat(plain.commands()).contains("MAIL FROM:<alice@example.test>")
                        .noneMatch(command -> command.contains("BODY=") || command.contains("SMTPUTF8") || command.startsWith("BDAT"));
                // The best MX of mixed.test lacks 8BITMIME; the next one has it.
                assertThat(acceptedFor(rich, "<dan@mixed.test>").data()).endsWith("\r\n" + eightBit);
                assertThat(rich.commands()).contains("MAIL FROM:<alice@example.test> BODY=8BITMIME");
                assertThat(reports).hasSize(3);
                assertThat(String.join("\n", reports)).doesNotContain("ascii@plain.test").doesNotContain("dan@mixed.test");
                assertThat(reportAbout(reports, "eight@plain.test")).contains("Final-Recipient: rfc822; eight@plain.test\r\n"
                        + "Action: failed\r\nStatus: 5.6.3\r\nRemote-MTA: dns; mx.plain.test\r\nDiagnostic-Code: smtp; 554 5.6.3 "
                        + "Conversion required but not supported: mx.plain.test[127.0.0.3] does not offer 8BITMIME\r\n");
                assertThat(reportAbout(reports, "bin@plain.test")).contains("Final-Recipient: rfc822; bin@plain.test\r\n"
                        + "Action: failed\r\nStatus: 5.6.3\r\nRemote-MTA: dns; mx.plain.test\r\nDiagnostic-Code: smtp; 554 5.6.3 "
                        + "Conversion required but not supported: mx.plain.test[127.0.0.3] does not offer BINARYMIME and CHUNKING\r\n");
                assertThat(reportAbout(reports, "josé@plain.test")).contains("Final-Recipient: rfc822; josé@plain.test\r\n"
                        + "Action: failed\r\nStatus: 5.6.7\r\nRemote-MTA: dns; mx.plain.test\r\nDiagnostic-Code: smtp; 553 5.6.7 "
                        + "Non-ASCII address or header needs SMTPUTF8, and mx.plain.test[127.0.0.3] does not offer it\r\n");
            }
        }
    }

    private static String reportAbout(List<String> reports, String recipient) {
        return reports.stream().filter(report -> report.contains("Final-Recipient: rfc822; " + recipient + "\r\n")).findFirst().orElseThrow();
    }
}
