package dev.mailroom.cli.explain;

import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Explanations and comparisons as HTML fragments, for the reference site of {@code mailroom docs}: laid out by the
 * same {@link Documents} as {@code explain} and {@code compare}, so the site says exactly what the commands say.
 */
public final class HtmlExplanations {
    private final ReplyCatalog catalog;
    private final Locale locale;
    private final LanguagePack language;
    private final HtmlRenderer renderer;

    /** @param links the address of a code's page ({@code 550}, {@code X.7.1}, {@code 5.7.1}), if there is one */
    public HtmlExplanations(ReplyCatalog catalog, Locale locale, Function<String, Optional<String>> links) {
        this.catalog = catalog;
        this.locale = locale;
        this.language = catalog.language(locale);
        this.renderer = new HtmlRenderer(links);
    }

    /** What {@code mailroom explain CODE} says about a catalogued code ({@code 421}, {@code 5.7.1}). */
    public String code(String code) {
        return renderer.render(Documents.explain(Optional.empty(), List.of(view(code)), language));
    }

    /** What {@code mailroom compare FIRST SECOND} says about two different catalogued codes. */
    public String comparison(String first, String second) {
        CodeView left = view(first);
        CodeView right = view(second);
        ComparisonView comparison = ComparisonView.of(left, right, catalog.comparison(left.key(), right.key(), locale), language);
        return renderer.render(Documents.compare(comparison, language));
    }

    private CodeView view(String code) {
        return CodeView.lookUp(catalog, code, locale, language)
                .orElseThrow(() -> new IllegalArgumentException("not a catalogued code: " + code));
    }
}
