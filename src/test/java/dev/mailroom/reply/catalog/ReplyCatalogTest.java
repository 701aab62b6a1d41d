package dev.mailroom.reply.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.reply.EnhancedStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyCatalogTest {
    private final ReplyCatalog catalog = ReplyCatalog.standard();

    @Test
    void basicCodeHasClassCategoryActionAndText() {
        CodeEntry entry = catalog.basic(421, Locale.ENGLISH).orElseThrow();

        assertThat(entry.code()).isEqualTo("421");
        assertThat(entry.isEnhanced()).isFalse();
        assertThat(entry.replyClass()).isEqualTo(ReplyClass.TRANSIENT_NEGATIVE);
        assertThat(entry.category()).isEqualTo(2);
        assertThat(entry.action()).isEqualTo(ClientAction.RETRY_LATER);
        assertThat(entry.facts().references()).contains("RFC 5321 §4.2.3");
        assertThat(entry.text().name()).containsIgnoringCase("not available");
        assertThat(entry.text().related()).containsOnlyKeys(entry.facts().related());
    }

    @Test
    void enhancedCodesOfDifferentClassesShareOneEntryButNotTheirClassOrAction() {
        CodeEntry transientRefusal = catalog.enhanced(EnhancedStatus.parse("4.7.1"), Locale.ENGLISH).orElseThrow();
        CodeEntry permanentRefusal = catalog.enhanced(EnhancedStatus.parse("5.7.1"), Locale.ENGLISH).orElseThrow();

        assertThat(transientRefusal.facts()).isSameAs(permanentRefusal.facts());
        assertThat(transientRefusal.text()).isEqualTo(permanentRefusal.text());
        assertThat(transientRefusal.code()).isEqualTo("4.7.1");
        assertThat(transientRefusal.replyClass()).isEqualTo(ReplyClass.TRANSIENT_NEGATIVE);
        assertThat(permanentRefusal.replyClass()).isEqualTo(ReplyClass.PERMANENT_NEGATIVE);
        assertThat(transientRefusal.action()).isEqualTo(ClientAction.RETRY_LATER);
        assertThat(permanentRefusal.action()).isEqualTo(ClientAction.BOUNCE);
        assertThat(permanentRefusal.category()).isEqualTo(7);
    }

    @Test
    void successClassOfAnEnhancedCodeMeansContinueWhateverItsPermanentAction() {
        CodeEntry syntaxOk = catalog.enhanced(EnhancedStatus.parse("2.1.3"), Locale.ENGLISH).orElseThrow();
        CodeEntry syntaxBad = catalog.enhanced(EnhancedStatus.parse("5.1.3"), Locale.ENGLISH).orElseThrow();

        assertThat(syntaxOk.action()).isEqualTo(ClientAction.CONTINUE);
        assertThat(syntaxBad.action()).isEqualTo(ClientAction.FIX_AND_RESEND);
    }

    @Test
    void uncataloguedCodesAreAbsent() {
        assertThat(catalog.contains(299)).isFalse();
        assertThat(catalog.basic(299, Locale.ENGLISH)).isEmpty();
        assertThat(catalog.contains(EnhancedStatus.parse("5.9.1"))).isFalse();
        assertThat(catalog.enhanced(EnhancedStatus.parse("5.7.31"), Locale.ENGLISH)).isEmpty();
        assertThat(catalog.facts("X.7.31")).isEmpty();
    }

    @Test
    void keysListBasicCodesInNumericOrderThenEnhancedCodesBySubjectAndDetail() {
        assertThat(catalog.keys()).startsWith("211", "214", "220").endsWith("X.7.28", "X.7.29", "X.7.30");
        assertThat(catalog.keys().indexOf("X.1.10")).isGreaterThan(catalog.keys().indexOf("X.1.9"));
        assertThat(catalog.keys().indexOf("556")).isLessThan(catalog.keys().indexOf("X.0.0"));
    }

    @Test
    void writtenComparisonIsFoundWhicheverCodeComesFirst() {
        Comparison forward = catalog.comparison("421", "500", Locale.ENGLISH).orElseThrow();
        Comparison backward = catalog.comparison("500", "421", Locale.ENGLISH).orElseThrow();

        assertThat(backward).isSameAs(forward);
        assertThat(forward.differences()).isNotEmpty();
        assertThat(catalog.comparison("211", "X.7.30", Locale.ENGLISH)).isEmpty();
    }

    @Test
    void languageWithoutAFileFallsBackToEnglish() {
        ReplyCatalog englishOnly = ReplyCatalog.load(files(Map.of()));

        assertThat(englishOnly.language(Locale.FRENCH).tag()).isEqualTo("en");
        assertThat(englishOnly.language(Locale.ITALIAN).tag()).isEqualTo("en");
        assertThat(englishOnly.basic(421, Locale.FRENCH).orElseThrow().text())
                .isEqualTo(englishOnly.basic(421, Locale.ENGLISH).orElseThrow().text());
    }

    @Test
    void languageWithAFileIsReadFromIt() {
        String french = resource("en.toml").replace("language = \"en\"", "language = \"fr\"")
                .replace("name = \"Service not available, closing transmission channel\"", "name = \"Service non disponible\"");
        ReplyCatalog withFrench = ReplyCatalog.load(files(Map.of("fr.toml", french)));

        assertThat(withFrench.language(Locale.FRANCE).tag()).isEqualTo("fr");
        assertThat(withFrench.basic(421, Locale.FRENCH).orElseThrow().text().name()).isEqualTo("Service non disponible");
    }

    @Test
    void incompleteLanguageFileFailsRatherThanFallingBack() {
        String english = resource("en.toml");
        String french = english.replace("language = \"en\"", "language = \"fr\"")
                .replaceFirst("(?m)^fix_admin = \"Find which limit fired.*$", "");
        ReplyCatalog withBrokenFrench = ReplyCatalog.load(files(Map.of("fr.toml", french)));

        assertThatThrownBy(() -> withBrokenFrench.language(Locale.FRENCH))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("fr.toml: code.421.fix_admin: missing");
    }

    /** The shipped catalogue files, with the given files added or replaced. */
    private static ReplyCatalog.Source files(Map<String, String> overrides) {
        return name -> Optional.ofNullable(overrides.get(name))
                .or(() -> name.equals("codes.toml") || name.equals("en.toml") ? Optional.of(resource(name)) : Optional.empty());
    }

    static String resource(String name) {
        try (InputStream in = ReplyCatalog.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
