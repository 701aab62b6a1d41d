package dev.mailroom.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The probe against servers that misbehave as Mailroom never does: old, silent, broken or not SMTP at all. */
class SmtpProbeTest {
    private static final String GREETING = "220 old.test ESMTP\r\n";

    private static SmtpProbe.Result probe(ScriptedServer server, boolean startTls, Duration timeout, String... recipients) {
        return SmtpProbe.run(new SmtpProbe.Settings(new SmtpTarget("127.0.0.1", server.port()), Optional.of("client.test"),
                startTls, false, Optional.of("alice@client.test"), List.of(recipients), timeout));
    }

    private static SmtpProbe.Result probe(ScriptedServer server, String... recipients) {
        return probe(server, false, Duration.ofSeconds(20), recipients);
    }

    /** Answers by verb; every other command gets 250. */
    private static Function<String, Optional<String>> answering(String verb, String reply) {
        return line -> Optional.of(line.startsWith(verb) ? reply : "250 ok\r\n");
    }

    @Test
    void aServerWithoutEhloIsGreetedWithHeloAndItsRefusalOfEhloDoesNotCount() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Optional.of(GREETING), answering("EHLO", "502 5.5.1 EHLO not implemented\r\n"))) {
            SmtpProbe.Result result = probe(server, "bob@old.test");

            assertThat(result.verdict()).isEqualTo(new Verdict.Accepted());
            assertThat(server.received()).containsExactly("EHLO client.test", "HELO client.test", "MAIL FROM:<alice@client.test>",
                    "RCPT TO:<bob@old.test>", "RSET", "QUIT");
        }
    }

    @Test
    void aMultiLineReplyIsOneReplyWithTheCodesOfItsFirstLine() throws Exception {
        String refusal = "550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 Please check.\r\n";
        try (ScriptedServer server = new ScriptedServer(Optional.of(GREETING), answering("RCPT", refusal))) {
            SmtpProbe.Result result = probe(server, "nobody@old.test", "bob@old.test");

            Verdict.Refused verdict = (Verdict.Refused) result.verdict();
            assertThat(verdict.outcome()).isEqualTo(Outcome.PERMANENT);
            assertThat(verdict.reply().lines()).containsExactly("550-5.1.1 The email account that you tried to reach does not exist.",
                    "550 5.1.1 Please check.");
            assertThat(verdict.reply().enhanced()).hasValueSatisfying(status -> assertThat(status).hasToString("5.1.1"));
            assertThat(verdict.command()).contains("RCPT TO:<nobody@old.test>");
            assertThat(server.received()).contains("RCPT TO:<bob@old.test>", "QUIT");
        }
    }

    @Test
    void somethingThatIsNotSmtpIsPermanent() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Optional.of("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"), line -> Optional.empty())) {
            SmtpProbe.Result result = probe(server);

            assertThat(result.verdict()).isEqualTo(new Verdict.Failed(
                    new Problem(Problem.Kind.NOT_SMTP, "SSH-2.0-OpenSSH_9.2p1 Debian-2"), true));
            assertThat(result.verdict().outcome()).isEqualTo(Outcome.PERMANENT);
        }
    }

    @Test
    void aSilentServerTimesOutAsATransientFailure() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Optional.empty(), line -> Optional.empty())) {
            SmtpProbe.Result result = probe(server, false, Duration.ofSeconds(1));

            assertThat(result.verdict()).isEqualTo(new Verdict.Failed(new Problem(Problem.Kind.TIMED_OUT, "1 s"), true));
            assertThat(result.verdict().outcome()).isEqualTo(Outcome.TRANSIENT);
        }
    }

    @Test
    void aConnectionClosedMidSessionIsTransient() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Optional.of(GREETING),
                line -> line.startsWith("RCPT") ? Optional.empty() : Optional.of("250 ok\r\n"))) {
            SmtpProbe.Result result = probe(server, "bob@old.test");

            assertThat(result.verdict()).isEqualTo(new Verdict.Failed(new Problem(Problem.Kind.CLOSED, ""), true));
            assertThat(result.transcript().getLast()).isEqualTo(new Event.Trouble(new Problem(Problem.Kind.CLOSED, "")));
        }
    }

    @Test
    void aTlsHandshakeThatFailsIsPermanentAndNothingMoreIsSentInClear() throws Exception {
        Function<String, Optional<String>> plainTextAfterStartTls = line -> Optional.of(switch (line.split(" ")[0]) {
            case "EHLO" -> "250-old.test\r\n250 STARTTLS\r\n";
            case "STARTTLS" -> "220 2.0.0 Ready to start TLS\r\nthis is not a TLS record\r\n";
            default -> "250 ok\r\n";
        });
        try (ScriptedServer server = new ScriptedServer(Optional.of(GREETING), plainTextAfterStartTls)) {
            SmtpProbe.Result result = probe(server, true, Duration.ofSeconds(20), "bob@old.test");

            assertThat(result.verdict()).isInstanceOfSatisfying(Verdict.Failed.class,
                    failed -> assertThat(failed.problem().kind()).isEqualTo(Problem.Kind.TLS_FAILED));
            assertThat(result.verdict().outcome()).isEqualTo(Outcome.PERMANENT);
            // The handshake's own bytes may follow, but no command in clear.
            assertThat(server.received()).startsWith("EHLO client.test", "STARTTLS").doesNotContain("RSET", "QUIT")
                    .noneMatch(line -> line.startsWith("MAIL"));
        }
    }
}
