package dev.mailroom.cli.docs;

import dev.mailroom.cli.explain.CliLabels;
import dev.mailroom.cli.explain.Html;
import dev.mailroom.cli.explain.JsonWriter;
import dev.mailroom.reply.catalog.CodeKeys;
import dev.mailroom.reply.catalog.EntryText;
import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.ReplyClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A language's index: every code and comparison, linked, in three sections, and a search box that filters them.
 * The search is a small inline script reading an index embedded in the page, so it works offline from
 * {@code file://}; without JavaScript the box stays hidden and the full lists remain.
 */
final class IndexPage {
    private static final String SEARCH_SCRIPT = resource("search.js");

    private final ReplyCatalog catalog;
    private final SiteMap map;
    private final LanguagePack language;
    private final CliLabels labels;
    private final Layout layout;
    /** What the search looks in, one entry per list item: its {@code data-key} and its words. */
    private final List<Map<String, Object>> searchIndex = new ArrayList<>();

    IndexPage(ReplyCatalog catalog, SiteMap map, LanguagePack language, CliLabels labels, Layout layout) {
        this.catalog = catalog;
        this.map = map;
        this.language = language;
        this.labels = labels;
        this.layout = layout;
    }

    String render(List<String> pairs) {
        StringBuilder main = new StringBuilder();
        main.append("<h1>").append(Html.escape(labels.get("docs.title"))).append("</h1>\n")
                .append("<p class=\"intro\">").append(Html.escape(labels.get("docs.intro"))).append("</p>\n")
                .append("<form id=\"search\" class=\"search\" role=\"search\" hidden>\n<label for=\"search-input\">")
                .append(Html.escape(labels.get("docs.search"))).append("</label>\n")
                .append("<input id=\"search-input\" type=\"search\" autocomplete=\"off\" placeholder=\"")
                .append(Html.escape(labels.get("docs.search_hint"))).append("\">\n")
                .append("<p id=\"no-match\" hidden>").append(Html.escape(labels.get("docs.no_match"))).append("</p>\n</form>\n")
                .append("<nav class=\"toc\"><a href=\"#basic\">").append(Html.escape(labels.get("docs.basic")))
                .append("</a> <a href=\"#enhanced\">").append(Html.escape(labels.get("docs.enhanced")))
                .append("</a> <a href=\"#comparisons\">").append(Html.escape(labels.get("docs.comparisons"))).append("</a></nav>\n");

        List<String> keys = catalog.keys();
        section(main, "basic", labels.get("docs.basic"), Optional.empty(), keys.stream().filter(CodeKeys::isBasicKey).toList());
        section(main, "enhanced", labels.get("docs.enhanced"), Optional.of(labels.get("docs.enhanced_intro")),
                keys.stream().filter(CodeKeys::isEnhancedKey).toList());
        main.append("<section id=\"comparisons\" data-list>\n<h2>").append(Html.escape(labels.get("docs.comparisons")))
                .append("</h2>\n<ul class=\"codes\">\n");
        for (String pair : pairs) {
            List<String> codes = SiteMap.keys(pair);
            String names = name(codes.getFirst()) + " \u2194 " + name(codes.getLast());
            item(main, "compare-" + pair, SiteMap.comparisonPage(pair), "", map.pairTitle(pair), names,
                    String.join(" ", codes) + " " + names + " " + language.comparisons().get(pair).summary());
        }
        main.append("</ul>\n</section>\n");

        // "<" escaped as \u003c: no "</script>" inside the data can end its element early.
        main.append("<script type=\"application/json\" id=\"search-data\">")
                .append(JsonWriter.write(searchIndex).strip().replace("<", "\\u003c")).append("</script>\n")
                .append("<script>\n").append(SEARCH_SCRIPT).append("</script>\n");
        return layout.page(SiteMap.INDEX, labels.get("docs.title"), main.toString());
    }

    private void section(StringBuilder main, String id, String heading, Optional<String> intro, List<String> keys) {
        main.append("<section id=\"").append(id).append("\" data-list>\n<h2>").append(Html.escape(heading)).append("</h2>\n");
        intro.ifPresent(text -> main.append("<p>").append(Html.escape(text)).append("</p>\n"));
        main.append("<ul class=\"codes\">\n");
        for (String key : keys) {
            EntryText text = language.entries().get(key);
            // A basic code takes the colour of its class; an enhanced entry spans classes, so it takes none.
            String tone = CodeKeys.isBasicKey(key) ? ReplyClass.ofCode(Integer.parseInt(key)).key() : "";
            item(main, key, SiteMap.codePage(key), tone, key, text.name(),
                    key + " " + text.name() + " " + text.description() + " " + text.when());
        }
        main.append("</ul>\n</section>\n");
    }

    private void item(StringBuilder main, String key, String href, String tone, String code, String name, String words) {
        main.append("<li data-key=\"").append(Html.escape(key)).append('"')
                .append(tone.isEmpty() ? "" : " class=\"" + tone + "\"")
                .append("><a href=\"").append(Html.escape(href)).append("\"><span class=\"code\">").append(Html.escape(code))
                .append("</span> <span class=\"name\">").append(Html.escape(name)).append("</span></a></li>\n");
        searchIndex.add(JsonWriter.object("key", key, "words", words));
    }

    private String name(String key) {
        return language.entries().get(key).name();
    }

    private static String resource(String name) {
        try (InputStream in = IndexPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
