package dev.mailroom.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.Template;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The labels of check and docs exist in every language, as complete as English: no silent fallback. */
class CliLabelsTest {
    static final List<String> LANGUAGES = ReplyCatalog.LANGUAGES;

    @ParameterizedTest
    @FieldSource("LANGUAGES")
    void everyLanguageHasExactlyTheLabelsAndPlaceholdersOfEnglish(String tag) {
        CliLabels english = CliLabels.of("en");
        CliLabels labels = CliLabels.of(tag);

        assertThat(labels.tag()).isEqualTo(tag);
        assertThat(labels.all().keySet()).isEqualTo(english.all().keySet());
        labels.all().forEach((key, label) -> {
            assertThat(label).as("%s in %s", key, tag).isNotBlank();
            assertThat(Template.placeholders(label)).as("placeholders of %s in %s", key, tag)
                    .isEqualTo(Template.placeholders(english.all().get(key)));
        });
    }
}
