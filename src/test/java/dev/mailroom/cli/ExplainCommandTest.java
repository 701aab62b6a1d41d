package dev.mailroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.cli.explain.Terminal;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {
    private static final String ESC = "\u001B[";

    @Test
    void explainsABasicCode() {
        CliRun run = CliRun.run("explain", "421", "--lang", "en");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("421  Service not available")
                .contains("Transient negative", "x2x, connections", "What a client should do: Retry later",
                        "RFC 5321 §4.2.3", "Related codes", "521    521 says this host never accepts mail")
                .doesNotContain(ESC);
    }

    @Test
    void explainsAnEnhancedCodeInTheClassGiven() {
        CliRun permanent = CliRun.run("explain", "5.7.1", "--lang", "en");
        CliRun transientOne = CliRun.run("explain", "4.7.1", "--lang", "en");

        assertThat(permanent.exitCode()).isZero();
        assertThat(permanent.out()).startsWith("5.7.1  Delivery not authorized")
                .contains("Permanent negative", "X.7.x, security or policy", "What a client should do: Bounce",
                        "Used with basic codes\n  451, 454, 502, 503, 533, 550, 551");
        assertThat(transientOne.out()).startsWith("4.7.1  ").contains("Transient negative", "What a client should do: Retry later");
    }

    @Test
    void explainsBothCodesOfAWholeReplyLine() {
        CliRun run = CliRun.run("explain", "550 5.1.1 <bob@example.com>: Recipient address rejected", "--lang", "en");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Reply\n  550 5.1.1 <bob@example.com>: Recipient address rejected\n")
                .contains("What a relay does with this reply (550 5.1.1)\n  Bounce",
                        "550  Requested action not taken: mailbox unavailable", "5.1.1  Bad destination mailbox address");
    }

    @Test
    void explainsAMultiLineReplyOnceWhetherLinesAreRealOrTypedBreaks() {
        String typed = "550-5.1.1 The email account does not exist.\\n550 5.1.1 Please check the address.";
        String real = typed.replace("\\n", "\r\n");

        for (String reply : new String[] {typed, real}) {
            CliRun run = CliRun.run("explain", reply, "--lang", "en");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("  550-5.1.1 The email account does not exist.\n  550 5.1.1 Please check");
            assertThat(run.out().split("550  Requested action", -1)).hasSize(2);
            assertThat(run.out().split("5\\.1\\.1  Bad destination", -1)).hasSize(2);
        }
    }

    @Test
    void unquotedWordsOfAReplyAreReadAsOneReply() {
        CliRun run = CliRun.run("explain", "550", "5.1.1", "User", "unknown", "--lang", "en");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Reply\n  550 5.1.1 User unknown\n").contains("5.1.1  Bad destination");
    }

    @Test
    void explainsSeveralCodes() {
        CliRun run = CliRun.run("explain", "421", "500", "--lang", "en");

        assertThat(run.out()).contains("421  Service not available", "\n\n500  Syntax error, command unrecognised");
    }

    @Test
    void notesAnEnhancedClassThatDisagreesWithTheBasicCode() {
        CliRun run = CliRun.run("explain", "550 4.7.1 Try again later", "--lang", "en");

        assertThat(run.out()).contains("The enhanced code's class (4.7.1) disagrees with the basic code's (550)",
                "What a relay does with this reply (550 4.7.1)\n  Bounce");
    }

    @Test
    void jsonOutputIsValidAndStructured() throws Exception {
        CliRun run = CliRun.run("explain", "421", "--format", "json", "--lang", "en");

        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode code = json.get("codes").get(0);
        assertThat(run.exitCode()).isZero();
        assertThat(json.get("language").asText()).isEqualTo("en");
        assertThat(json.has("reply")).isFalse();
        assertThat(code.get("code").asText()).isEqualTo("421");
        assertThat(code.get("kind").asText()).isEqualTo("basic");
        assertThat(code.get("class").get("key").asText()).isEqualTo("transient_negative");
        assertThat(code.get("category").get("digit").asInt()).isEqualTo(2);
        assertThat(code.get("client").get("action").asText()).isEqualTo("retry_later");
        assertThat(code.get("fix").get("admin").asText()).isNotBlank();
        assertThat(code.get("related").findValuesAsText("code")).contains("521", "X.3.2");
    }

    @Test
    void jsonOfAReplyCarriesItsLinesAndVerdicts() throws Exception {
        CliRun run = CliRun.run("explain", "521 5.3.2 mx.example.org does not accept mail", "--format", "JSON", "--lang", "en");

        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode verdict = json.get("reply").get("verdicts").get(0);
        assertThat(json.get("reply").get("lines").get(0).asText()).isEqualTo("521 5.3.2 mx.example.org does not accept mail");
        assertThat(verdict.get("relay_action").asText()).isEqualTo("try_another_host");
        assertThat(verdict.get("enhanced").asText()).isEqualTo("5.3.2");
        assertThat(json.get("codes").findValuesAsText("kind")).containsExactly("basic", "enhanced");
        assertThat(json.get("codes").get(1).get("used_with").findValuesAsText("")).isEmpty();
        assertThat(json.get("codes").get(1).get("used_with").get(1).asText()).isEqualTo("521");
    }

    @Test
    void markdownOutputHasHeadingsLabelsAndEscapedMarkup() {
        CliRun reply = CliRun.run("explain", "501 5.5.4 Syntax: MAIL FROM:<address>", "--format", "markdown", "--lang", "en");

        assertThat(reply.exitCode()).isZero();
        assertThat(reply.out()).startsWith("**Reply**\n\n```\n501 5.5.4 Syntax: MAIL FROM:<address>\n```\n")
                .contains("## 501  Syntax error in parameters or arguments\n\n**Class**\n\n",
                        "MAIL FROM:\\<alice@example.org\\>", "- **500**: 500 does not recognise the command itself.");
    }

    @Test
    void textWrapsToTheTerminalWidth() {
        CliRun narrow = CliRun.run(new Terminal(50, false), "explain", "550", "--lang", "en");
        CliRun wide = CliRun.run(new Terminal(160, false), "explain", "550", "--lang", "en");

        assertThat(narrow.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(50));
        assertThat(wide.out().lines()).anySatisfy(line -> assertThat(line.length()).isGreaterThan(100));
    }

    @Test
    void colourOnlyWhenTheTerminalTakesIt() {
        CliRun coloured = CliRun.run(new Terminal(80, true), "explain", "421", "--lang", "en");

        assertThat(coloured.out()).startsWith(ESC + "1;33m421  Service not available").contains(ESC + "1mMeaning" + ESC + "0m");
        assertThat(CliRun.run("explain", "421", "--lang", "en").out()).doesNotContain(ESC);
    }

    @Test
    void languageComesFromTheOptionOrElseTheLocale() throws Exception {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.JAPANESE);
            String fromLocale = new ObjectMapper().readTree(CliRun.run("explain", "421", "--format", "json").out())
                    .get("language").asText();
            String fromOption = new ObjectMapper().readTree(CliRun.run("explain", "421", "--format", "json", "--lang", "fr").out())
                    .get("language").asText();

            // Each language resolves to its own file, or to English while it has none.
            assertThat(fromLocale).isEqualTo(ReplyCatalog.standard().language(Locale.JAPANESE).tag());
            assertThat(fromOption).isEqualTo(ReplyCatalog.standard().language(Locale.FRENCH).tag());
            Locale.setDefault(Locale.ITALIAN);
            assertThat(CliRun.run("explain", "421", "--format", "json").out()).contains("\"language\": \"en\"");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void unknownCodeIsAnErrorWithTheNearestCodes() {
        CliRun run = CliRun.run("explain", "422", "--lang", "en");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("mailroom: 422 is not a catalogued reply code. Nearest catalogued codes: 421, 432, 452"
                + System.lineSeparator());
    }

    @Test
    void malformedInputIsAnErrorThatShowsTheExpectedForms() {
        CliRun run = CliRun.run("explain", "4.21", "--lang", "en");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'4.21' is not a reply code", "such as 421", "Nearest catalogued codes: 4.2.1, 421");
    }

    @Test
    void replyWithAnUncataloguedCodeExplainsTheRestAndFails() {
        CliRun run = CliRun.run("explain", "523 5.7.10 Encryption needed", "--lang", "en");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("5.7.10  Encryption needed", "What a relay does with this reply (523 5.7.10)\n  Bounce");
        assertThat(run.err()).contains("523 is not a catalogued reply code");
    }

    @Test
    void aRegionalTagNamesItsLanguagesCatalogue() throws Exception {
        for (String tag : new String[] {"pt-BR", "zh_CN", "de-AT"}) {
            String language = new ObjectMapper().readTree(CliRun.run("explain", "421", "--format", "json", "--lang", tag).out())
                    .get("language").asText();
            assertThat(language).as(tag).isEqualTo(tag.substring(0, 2));
        }
    }

    @Test
    void unsupportedLanguageAndMissingArgumentsAreUsageErrors() {
        CliRun language = CliRun.run("explain", "421", "--lang", "it");
        CliRun nothing = CliRun.run("explain");

        assertThat(language.exitCode()).isEqualTo(2);
        assertThat(language.err()).contains("'it' (expected one of en, fr, zh, pt, es, de, ja)");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("Missing required parameter");
    }
}
