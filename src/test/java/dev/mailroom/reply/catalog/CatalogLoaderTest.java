package dev.mailroom.reply.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The loader rejects every kind of incomplete or malformed file, naming the file, the key and the problem. */
class CatalogLoaderTest {
    private static final String FACTS = """
            [code.421]
            defined_in = ["RFC 5321 §4.2.3"]
            action = "retry_later"
            related = ["X.3.2"]

            [code."X.3.2"]
            defined_in = ["RFC 3463 §3.4"]
            used_with = ["421"]
            action = "try_another_host"
            related = ["421"]
            """;

    private static final String ENGLISH = """
            language = "en"
            name = "English"

            [headings]
            class = "Class"

            [generic]
            summary = "{a} and {b}"

            [code.421]
            name = "Service not available"
            description = "Closing."
            when = "Shutdown."
            fix_sender = "Wait."
            fix_admin = "Restart."
            client = "Retry later."
            related."X.3.2" = "Shutting down."

            [code."X.3.2"]
            name = "System not accepting network messages"
            description = "Not accepting."
            when = "Maintenance."
            fix_sender = "Wait."
            fix_admin = "Finish the maintenance."
            client = "Try another host."
            related.421 = "Goes with it."

            [compare."421-X.3.2"]
            summary = "Related."
            differences = ["One is basic."]
            choice = "Both."
            """;

    private final Map<String, CodeFacts> facts = CatalogLoader.parseFacts(FACTS);
    private final LanguagePack english = CatalogLoader.parseLanguage("en", ENGLISH, facts, Optional.empty());

    @Test
    void readsFactsAndText() {
        assertThat(facts.get("X.3.2").usedWith()).containsExactly("421");
        assertThat(facts.get("421").action()).isEqualTo(ClientAction.RETRY_LATER);
        assertThat(english.entries().get("421").related()).containsEntry("X.3.2", "Shutting down.");
        assertThat(english.label("headings.class")).isEqualTo("Class");
        assertThat(english.label("generic.summary", "a", "421", "b", "500")).isEqualTo("421 and 500");
        assertThat(english.comparisons()).containsKey("421-X.3.2");
    }

    @Test
    void lineBreaksInsideAParagraphBecomeSpacesAndBlankLinesSeparateParagraphs() {
        String wrapped = ENGLISH.replace("description = \"Closing.\"",
                "description = \"\"\"\nThe server\n  is closing.\n\nCome back later.\n\"\"\"");

        LanguagePack pack = CatalogLoader.parseLanguage("en", wrapped, facts, Optional.empty());

        assertThat(pack.entries().get("421").description()).isEqualTo("The server is closing.\n\nCome back later.");
    }

    @Test
    void missingFieldIsReported() {
        assertProblem(translation(ENGLISH.replace("fix_admin = \"Restart.\"\n", "")), "fr.toml: code.421.fix_admin: missing");
    }

    @Test
    void blankFieldIsReported() {
        assertProblem(translation(ENGLISH.replace("when = \"Shutdown.\"", "when = \"  \"")),
                "fr.toml: code.421.when: must be a non-blank string");
    }

    @Test
    void missingAndExtraEntriesAreReported() {
        String extra = ENGLISH.replace("[code.421]", "[code.500]\nname = \"x\"\n\n[code.421]");
        String missing = ENGLISH.substring(0, ENGLISH.indexOf("[code.\"X.3.2\"]")) + ENGLISH.substring(ENGLISH.indexOf("[compare"));

        assertProblem(translation(extra), "fr.toml: code.500: not expected here");
        assertProblem(translation(missing), "fr.toml: code.X.3.2: missing");
    }

    @Test
    void relatedNotesMustMatchTheRelatedCodes() {
        assertProblem(translation(ENGLISH.replace("related.421 = \"Goes with it.\"", "related.500 = \"Other.\"")),
                "fr.toml: code.X.3.2.related.421: missing");
    }

    @Test
    void unknownFieldIsReportedWithItsLine() {
        assertProblem(translation(ENGLISH.replace("client = \"Retry later.\"", "client = \"Retry later.\"\nclient_text = \"x\"")),
                "fr.toml: line 17: code.421.client_text: unknown key");
    }

    @Test
    void labelsAndComparisonsMustMatchEnglish() {
        assertProblem(translation(ENGLISH.replace("class = \"Class\"", "klass = \"Class\"")), "fr.toml: labels.headings.class: missing");
        assertProblem(translation(ENGLISH.replace("[compare.\"421-X.3.2\"]", "[compare.\"X.3.2-421\"]")),
                "fr.toml: compare.421-X.3.2: missing");
    }

    @Test
    void placeholdersMustBeKeptInTranslations() {
        assertProblem(translation(ENGLISH.replace("{a} and {b}", "{a} et {c}")),
                "fr.toml: generic.summary: placeholders must be [a, b], found [a, c]");
    }

    @Test
    void languageTagMustMatchTheFileName() {
        assertThatThrownBy(() -> CatalogLoader.parseLanguage("fr", ENGLISH, facts, Optional.of(english)))
                .hasMessageContaining("fr.toml: language: must be \"fr\"");
    }

    @Test
    void tomlSyntaxErrorsAreReportedWithTheirLine() {
        assertProblem(translation(ENGLISH.replace("name = \"Service not available\"", "name = Service not available")),
                "fr.toml: line 11:");
    }

    @Test
    void factsAreCheckedToo() {
        assertFactsProblem(FACTS.replace("\"retry_later\"", "\"retry_soon\""), "code.421.action: must be one of");
        assertFactsProblem(FACTS.replace("related = [\"421\"]", "related = [\"554\"]"),
                "code.X.3.2.related: 554 is not another entry of the catalogue");
        assertFactsProblem(FACTS.replace("used_with = [\"421\"]\n", ""), "code.X.3.2.used_with: missing");
        assertFactsProblem(FACTS.replace("[\"RFC 5321 §4.2.3\"]", "[\"5321\"]"), "code.421.defined_in: needs one or more references");
        assertFactsProblem(FACTS.replace("[code.421]", "[code.42]"), "code.42: not a basic code");
    }

    private static String translation(String english) {
        return english.replace("language = \"en\"", "language = \"fr\"");
    }

    private void assertProblem(String french, String expected) {
        assertThatThrownBy(() -> CatalogLoader.parseLanguage("fr", french, facts, Optional.of(english)))
                .isInstanceOf(CatalogException.class)
                .satisfies(e -> assertThat(((CatalogException) e).problems()).anySatisfy(p -> assertThat(p).startsWith(expected)));
    }

    private static void assertFactsProblem(String source, String expected) {
        assertThatThrownBy(() -> CatalogLoader.parseFacts(source))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(expected);
    }
}
