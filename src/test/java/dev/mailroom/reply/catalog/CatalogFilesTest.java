package dev.mailroom.reply.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped catalogue is complete: every code issue 3 names, and every field in every language file present. */
class CatalogFilesTest {
    private static final Path CATALOG_DIRECTORY = Path.of("src/main/resources/dev/mailroom/reply/catalog");

    private final ReplyCatalog catalog = ReplyCatalog.standard();

    @Test
    void everyBasicCodeOfTheRfcsIsCatalogued() {
        List<String> rfc5321 = List.of("211", "214", "220", "221", "250", "251", "252", "354", "421", "450", "451",
                "452", "455", "500", "501", "502", "503", "504", "550", "551", "552", "553", "554", "555");
        List<String> rfc7504 = List.of("521", "556");
        List<String> rfc4954 = List.of("334", "235", "432", "454", "500", "530", "534", "535", "538");

        Stream.of(rfc5321, rfc7504, rfc4954).flatMap(List::stream)
                .forEach(code -> assertThat(catalog.facts(code)).as(code).isPresent());
    }

    @Test
    void everyEnhancedCodeOfTheIanaRegistryIsCatalogued() {
        // Highest detail number registered for each subject X.0 to X.7.
        int[] lastDetail = {0, 10, 4, 6, 7, 6, 10, 30};
        List<String> registry = new ArrayList<>();
        for (int subject = 0; subject < lastDetail.length; subject++) {
            int s = subject;
            IntStream.rangeClosed(0, lastDetail[subject]).forEach(detail -> registry.add("X." + s + "." + detail));
        }

        assertThat(catalog.keys().stream().filter(CodeKeys::isEnhancedKey)).containsExactlyInAnyOrderElementsOf(registry);
    }

    @Test
    void everyShippedLanguageFileIsASupportedLanguage() throws IOException {
        assertThat(languageFiles()).contains("en").allSatisfy(tag -> assertThat(ReplyCatalog.LANGUAGES).contains(tag));
    }

    @ParameterizedTest
    @MethodSource("languageFiles")
    void languageFileHasEveryEntryComparisonAndLabelOfEnglishAndNoOther(String tag) {
        LanguagePack english = catalog.language(Locale.ENGLISH);
        LanguagePack language = catalog.language(Locale.forLanguageTag(tag));

        assertThat(language.tag()).as("loaded from its own file").isEqualTo(tag);
        assertThat(language.name()).isNotBlank();
        assertThat(language.entries().keySet()).isEqualTo(english.entries().keySet()).containsAll(catalog.keys());
        assertThat(language.comparisons().keySet()).isEqualTo(english.comparisons().keySet());
        assertThat(language.labels().keySet()).isEqualTo(english.labels().keySet());
        assertThat(language.labels().values()).allSatisfy(label -> assertThat(label).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("languageFiles")
    void everyEntryHasEveryFieldFilledIn(String tag) {
        LanguagePack language = catalog.language(Locale.forLanguageTag(tag));

        language.entries().forEach((key, text) -> {
            assertThat(List.of(text.name(), text.description(), text.when(), text.senderFix(), text.adminFix(),
                    text.clientAdvice())).as("%s in %s", key, tag).allSatisfy(field -> assertThat(field).isNotBlank());
            assertThat(text.related()).as("related notes of %s in %s", key, tag)
                    .containsOnlyKeys(catalog.facts(key).orElseThrow().related())
                    .allSatisfy((code, note) -> assertThat(note).isNotBlank());
        });
        language.comparisons().forEach((pair, comparison) -> {
            assertThat(comparison.summary()).as(pair).isNotBlank();
            assertThat(comparison.choice()).as(pair).isNotBlank();
            assertThat(comparison.differences()).as(pair).isNotEmpty().allSatisfy(item -> assertThat(item).isNotBlank());
        });
    }

    @Test
    void theConfusedPairsHaveWrittenComparisons() {
        List<List<String>> pairs = List.of(List.of("421", "500"), List.of("421", "501"), List.of("421", "503"),
                List.of("421", "521"), List.of("421", "553"), List.of("450", "550"), List.of("451", "554"),
                List.of("452", "552"));

        assertThat(pairs).allSatisfy(pair ->
                assertThat(catalog.comparison(pair.get(0), pair.get(1), Locale.ENGLISH)).as("%s", pair).isPresent());
    }

    /** Language files found on disk, so that a new file cannot escape these checks. */
    static List<String> languageFiles() throws IOException {
        try (Stream<Path> files = Files.list(CATALOG_DIRECTORY)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".toml") && !name.equals(CatalogLoader.FACTS_FILE))
                    .map(name -> name.substring(0, name.length() - ".toml".length()))
                    .sorted()
                    .toList();
        }
    }
}
