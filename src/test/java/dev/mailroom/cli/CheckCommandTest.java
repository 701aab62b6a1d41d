package dev.mailroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.e2e.RawSmtpClient;
import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.testkit.MailroomExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code mailroom check} against Mailroom's own server on loopback, in its ordinary, 421 and 521 modes. */
class CheckCommandTest {

    private static CliRun check(MailroomExtension mailroom, String... options) {
        List<String> args = new ArrayList<>(List.of("check", "127.0.0.1:" + mailroom.port(), "--lang", "en", "--ehlo", "client.test"));
        args.addAll(List.of(options));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Nested
    class AgainstAnOrdinaryServer {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create();

        @Test
        void anAcceptedSessionExitsZeroAndSendsNoMessage() {
            CliRun run = check(mailroom, "--from", "alice@localhost", "--to", "<bob@localhost>");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("* Connected to 127.0.0.1:" + mailroom.port() + ".\nS: 220 ")
                    .contains("   \u21b3 220 Service ready \u2192 Continue\nC: EHLO client.test\nS: 250-",
                            "C: MAIL FROM:<alice@localhost>\nS: 250 2.1.0 Sender ok\n",
                            "C: RCPT TO:<bob@localhost>\nS: 250 2.1.5 Recipient ok\n"
                                    + "   \u21b3 250 Requested mail action okay, completed \u00b7 2.1.5 Destination address valid \u2192 Continue\n",
                            "C: RSET\nS: 250 ", "C: QUIT\nS: 221 ")
                    .endsWith("\nVerdict: accepted: every reply was positive.\n")
                    .doesNotContain("DATA");
            assertThat(mailroom.messages()).isEmpty();
        }

        @Test
        void relayDeniedIsPermanent() {
            CliRun run = check(mailroom, "--from", "alice@localhost", "--to", "bob@localhost", "--to", "carol@example.org");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.out()).contains("S: 554 5.7.1 <carol@example.org>: Relay access denied\n"
                            + "   \u21b3 554 Transaction failed \u00b7 5.7.1 Delivery not authorized, message refused \u2192 Bounce\n")
                    .endsWith("Verdict: permanent failure: 554 5.7.1 <carol@example.org>: Relay access denied"
                            + " (in answer to RCPT TO:<carol@example.org>).\n");
        }

        @Test
        void aBadAddressIsPermanentAndTheNullSenderIsUsedWithoutFrom() {
            CliRun run = check(mailroom, "--to", "bob");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.out()).contains("C: MAIL FROM:<>\nS: 250 ", "C: RCPT TO:<bob>\nS: 553 5.1.3 ", "\u2192 Fix and resend\n")
                    .contains("Verdict: permanent failure: 553 5.1.3 ");
        }

        @Test
        void startTlsThatIsNotOfferedFailsBeforeAnyMailCommand() {
            CliRun run = check(mailroom, "--starttls", "--from", "alice@localhost", "--to", "bob@localhost");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.out()).contains("S: 250 SMTPUTF8\n", "* the server does not offer STARTTLS.\nC: QUIT\n")
                    .doesNotContain("C: STARTTLS", "MAIL FROM")
                    .endsWith("Verdict: permanent failure: the server does not offer STARTTLS.\n");
        }

        @Test
        void withoutAddressesTheSessionIsGreetingEhloAndQuit() {
            CliRun run = check(mailroom);

            assertThat(run.exitCode()).isZero();
            assertThat(run.out().lines().filter(line -> line.startsWith("C: ")))
                    .containsExactly("C: EHLO client.test", "C: QUIT");
        }

        @Test
        void theDefaultGreetingNameIsAQualifiedNameOrAnAddressLiteral() {
            CliRun run = CliRun.run("check", "127.0.0.1:" + mailroom.port(), "--lang", "en");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).containsPattern("C: EHLO (\\[127\\.0\\.0\\.1]|[^\\s\\[]+\\.[a-zA-Z][^\\s]*)\n");
        }

        @Test
        void jsonHasTheTranscriptAndTheVerdict() throws Exception {
            CliRun run = check(mailroom, "--from", "alice@localhost", "--to", "carol@example.org", "--format", "json");

            JsonNode json = new ObjectMapper().readTree(run.out());
            JsonNode verdict = json.get("verdict");
            JsonNode refusal = json.get("transcript").get(7);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(json.get("target").get("port").asInt()).isEqualTo(mailroom.port());
            assertThat(json.get("transcript").findValuesAsText("event")).containsExactly("connected", "reply", "sent", "reply",
                    "sent", "reply", "sent", "reply", "sent", "reply", "sent", "reply");
            assertThat(refusal.get("code").asInt()).isEqualTo(554);
            assertThat(refusal.get("enhanced").asText()).isEqualTo("5.7.1");
            assertThat(refusal.get("action").asText()).isEqualTo("bounce");
            assertThat(refusal.get("lines").get(0).asText()).isEqualTo("554 5.7.1 <carol@example.org>: Relay access denied");
            assertThat(verdict.get("outcome").asText()).isEqualTo("permanent");
            assertThat(verdict.get("exit_code").asInt()).isEqualTo(2);
            assertThat(verdict.get("command").asText()).isEqualTo("RCPT TO:<carol@example.org>");
        }

        @Test
        void markdownIsTheTranscriptInACodeBlock() {
            CliRun run = check(mailroom, "--format", "markdown");

            assertThat(run.out()).startsWith("```\n* Connected to ").endsWith("Verdict: accepted: every reply was positive.\n```\n");
        }

        @Test
        void labelsFollowTheCataloguesLanguage() throws Exception {
            JsonNode json = new ObjectMapper().readTree(
                    CliRun.run("check", "127.0.0.1:" + mailroom.port(), "--format", "json", "--lang", "de").out());

            // German words once the catalogue has German, English (with English labels) until then.
            assertThat(json.get("language").asText()).isEqualTo(ReplyCatalog.standard().language(Locale.GERMAN).tag());
        }
    }

    @Nested
    class AgainstAFullServer {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.maxConnections(1));

        @Test
        void a421GreetingIsTransientAndTheClientSendsNothing() throws Exception {
            try (RawSmtpClient occupying = RawSmtpClient.connect(mailroom.port())) {
                assertThat(occupying.reply()).startsWith("220 ");

                CliRun run = check(mailroom, "--from", "alice@localhost");

                assertThat(run.exitCode()).isEqualTo(1);
                assertThat(run.out()).contains("S: 421 4.7.0 ", "\u2192 Retry later\n")
                        .doesNotContain("C: ")
                        .contains("Verdict: transient failure: 421 4.7.0 ").endsWith(" (at the greeting).\n");
            }
        }
    }

    @Nested
    class AgainstAServerAcceptingNoMail {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.acceptsMail(false));

        @Test
        void a521GreetingIsPermanentAndTheClientSaysQuit() {
            CliRun run = check(mailroom, "--from", "alice@localhost");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.out()).contains("S: 521 5.3.2 ", "\u2192 Try another host\nC: QUIT\nS: 221 ")
                    .doesNotContain("EHLO")
                    .contains("Verdict: permanent failure: 521 5.3.2 ");
        }
    }

    @Test
    void aClosedPortCannotBeConnectedTo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRun run = CliRun.run("check", "127.0.0.1:" + closedPort, "--lang", "en");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("* connection refused by 127.0.0.1:" + closedPort + ".\n\n"
                + "Verdict: could not connect: connection refused by 127.0.0.1:" + closedPort + ".\n");
    }

    @Test
    void usageErrorsHaveTheirOwnExitCodeAndNoLineBreakCanBeSmuggledIntoACommand() {
        CliRun badPort = CliRun.run("check", "localhost:smtp");
        CliRun injection = CliRun.run("check", "localhost", "--to", "bob@localhost>\r\nDATA");

        assertThat(badPort.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPort.err()).contains("port must be a number in 'localhost:smtp'");
        assertThat(injection.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(injection.err()).contains("--to must not contain control characters");
        assertThat(injection.out()).isEmpty();
    }
}
