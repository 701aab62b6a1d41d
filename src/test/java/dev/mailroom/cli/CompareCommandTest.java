package dev.mailroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.reply.catalog.Comparison;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CompareCommandTest {
    private final Comparison written = ReplyCatalog.standard().comparison("421", "500", Locale.ENGLISH).orElseThrow();

    @Test
    void showsAWrittenComparisonSideBySide() {
        CliRun run = CliRun.run("compare", "421", "500", "--lang", "en");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("421 \u2194 500\nName\n  421  Service not available")
                .contains("  500  Syntax error, command unrecognised", "In short", "Class\n  421  Transient negative",
                        "  500  Permanent negative", "When you see it", "How to fix it: sender",
                        "How to fix it: server administrator", "What a client should do\n  421  Retry later: Close the connection",
                        "Key differences\n  - Class: 421 is transient negative", "Which one a server should send\n  Send 500")
                .doesNotContain("No comparison has been written");
        assertThat(flowed(run)).contains(written.summary());
    }

    @Test
    void theWrittenComparisonServesBothOrders() {
        CliRun run = CliRun.run("compare", "500", "421", "--lang", "en");

        assertThat(run.out()).startsWith("500 \u2194 421\nName\n  500  Syntax error");
        assertThat(flowed(run)).contains(written.summary());
    }

    @Test
    void derivesAComparisonForOtherPairs() {
        CliRun run = CliRun.run("compare", "450", "551", "--lang", "en");

        assertThat(run.exitCode()).isZero();
        assertThat(flowed(run)).contains("No comparison has been written for this pair",
                "450 is Transient negative, 551 is Permanent negative: only 450 is worth retrying unchanged.",
                "A client reacts differently: 450: Retry later; 551: Fix and resend.",
                "450 (Requested mail action not taken: mailbox unavailable): Usually at RCPT TO");
    }

    @Test
    void derivedComparisonOfCodesInOneClassSaysSo() {
        CliRun run = CliRun.run("compare", "250", "2.1.5", "--lang", "en");

        assertThat(flowed(run)).contains("Both are of the same class: Positive completion.",
                "They concern different things: 250 is x5x, mail system", "A client does the same on either: Continue.");
    }

    /** The output with line wrapping undone, to find sentences whatever the width. */
    private static String flowed(CliRun run) {
        return run.out().replaceAll("\\s+", " ");
    }

    @Test
    void jsonComparisonIsValid() throws Exception {
        CliRun run = CliRun.run("compare", "452", "552", "--format", "json", "--lang", "en");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("written").asBoolean()).isTrue();
        assertThat(json.get("codes").get(0).get("code").asText()).isEqualTo("452");
        assertThat(json.get("codes").get(1).get("code").asText()).isEqualTo("552");
        assertThat(json.get("differences").size()).isEqualTo(
                ReplyCatalog.standard().comparison("452", "552", Locale.ENGLISH).orElseThrow().differences().size());
        assertThat(json.get("choice").get(0).asText()).startsWith("Send 452");
    }

    @Test
    void markdownComparisonHasOneHeadingAndBulletsPerCode() {
        CliRun run = CliRun.run("compare", "450", "550", "--format", "markdown", "--lang", "en");

        assertThat(run.out()).startsWith("## 450 \u2194 550\n\n**Name**\n\n- **450**: ").contains("**Key differences**\n\n- Class:");
    }

    @Test
    void unknownMalformedOrIdenticalCodesAreErrors() {
        CliRun unknown = CliRun.run("compare", "421", "599", "--lang", "en");
        CliRun malformed = CliRun.run("compare", "abc", "500", "--lang", "en");
        CliRun same = CliRun.run("compare", "421", "421", "--lang", "en");
        CliRun missing = CliRun.run("compare", "421");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).contains("599 is not a catalogued reply code", "Nearest catalogued codes: 500, 501, 502");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("'abc' is not a reply code");
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).contains("Give two different codes to compare.");
        assertThat(missing.exitCode()).isEqualTo(2);
    }
}
