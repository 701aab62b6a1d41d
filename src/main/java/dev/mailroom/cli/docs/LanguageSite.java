package dev.mailroom.cli.docs;

import dev.mailroom.cli.explain.CliLabels;
import dev.mailroom.cli.explain.Html;
import dev.mailroom.cli.explain.HtmlExplanations;
import dev.mailroom.reply.EnhancedStatus;
import dev.mailroom.reply.catalog.CodeEntry;
import dev.mailroom.reply.catalog.CodeKeys;
import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The pages of the site in one language: a page per code, a page per written comparison, and the index. */
final class LanguageSite {
    /** Comparisons in catalogue order of their first code, then of their second. */
    private static final Comparator<String> PAIR_ORDER = Comparator
            .comparing((String pair) -> SiteMap.keys(pair).getFirst(), CodeKeys.ORDER)
            .thenComparing(pair -> SiteMap.keys(pair).getLast(), CodeKeys.ORDER);

    private final ReplyCatalog catalog;
    private final SiteMap map;
    private final Locale locale;
    private final LanguagePack language;
    private final CliLabels labels;
    private final Layout layout;
    private final HtmlExplanations explanations;

    LanguageSite(ReplyCatalog catalog, SiteMap map, String tag, Layout layout) {
        this.catalog = catalog;
        this.map = map;
        this.locale = Locale.forLanguageTag(tag);
        this.language = catalog.language(locale);
        this.labels = CliLabels.of(tag);
        this.layout = layout;
        this.explanations = new HtmlExplanations(catalog, locale, map::link);
    }

    /** Writes every page into {@code directory}; returns how many. */
    int write(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<String> pairs = language.comparisons().keySet().stream().sorted(PAIR_ORDER).toList();
        for (String key : catalog.keys()) {
            write(directory, SiteMap.codePage(key), codePage(key, pairs));
        }
        for (String pair : pairs) {
            write(directory, SiteMap.comparisonPage(pair), comparisonPage(pair));
        }
        write(directory, SiteMap.INDEX, new IndexPage(catalog, map, language, labels, layout).render(pairs));
        return catalog.keys().size() + pairs.size() + 1;
    }

    private String codePage(String key, List<String> pairs) {
        String code = map.shownCode(key);
        StringBuilder main = new StringBuilder(explanations.code(code));
        // Right under the heading, so that whoever came for 4.7.1 learns at once that 5.7.1's page is theirs too.
        int afterHeading = main.indexOf("</h1>\n") + "</h1>\n".length();
        for (String other : map.otherCodes(key).reversed()) {
            CodeEntry entry = catalog.enhanced(EnhancedStatus.parse(other), locale).orElseThrow();
            main.insert(afterHeading, "<p class=\"note\">" + Html.escape(labels.get("docs.also_as", "code", other,
                    "class", language.label("classes." + entry.replyClass().key() + ".name"),
                    "action", language.label("actions." + entry.action().key()))) + "</p>\n");
        }
        List<String> compared = pairs.stream().filter(pair -> SiteMap.keys(pair).contains(key)).toList();
        if (!compared.isEmpty()) {
            main.append("<nav class=\"compared\">\n<h2>").append(Html.escape(labels.get("docs.compared_with"))).append("</h2>\n<ul>\n");
            compared.forEach(pair -> main.append("<li><a href=\"").append(SiteMap.comparisonPage(pair)).append("\">")
                    .append(Html.escape(map.pairTitle(pair))).append("</a></li>\n"));
            main.append("</ul>\n</nav>\n");
        }
        return layout.page(SiteMap.codePage(key), code + " " + language.entries().get(key).name(), main.toString());
    }

    private String comparisonPage(String pair) {
        List<String> keys = SiteMap.keys(pair);
        return layout.page(SiteMap.comparisonPage(pair), map.pairTitle(pair),
                explanations.comparison(map.shownCode(keys.getFirst()), map.shownCode(keys.getLast())));
    }

    private static void write(Path directory, String file, String html) throws IOException {
        Files.writeString(directory.resolve(file), html, StandardCharsets.UTF_8);
    }
}
