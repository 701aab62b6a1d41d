package dev.mailroom.cli.docs;

import dev.mailroom.cli.explain.CliLabels;
import dev.mailroom.cli.explain.Html;
import java.util.List;

/**
 * The frame of every page: the HTML document with its language and title, a header with the site's name and a
 * link to every other language's version of the same page, the content, and a footer back to the index. Only
 * the site's own style sheet is loaded: no fonts, scripts or anything else from the network.
 */
final class Layout {
    /** A language of the site: its tag and its name in itself. */
    record Language(String tag, String name) {
    }

    private final Language language;
    private final List<Language> languages;
    private final CliLabels labels;

    Layout(Language language, List<Language> languages, CliLabels labels) {
        this.language = language;
        this.languages = List.copyOf(languages);
        this.labels = labels;
    }

    /** A page of this language's directory; {@code title} is plain text, {@code main} HTML. */
    String page(String file, String title, String main) {
        StringBuilder body = new StringBuilder();
        body.append("<header>\n<a class=\"home\" href=\"").append(SiteMap.INDEX).append("\">")
                .append(Html.escape(labels.get("docs.title"))).append("</a>\n")
                .append("<nav class=\"languages\" aria-label=\"").append(Html.escape(labels.get("docs.languages"))).append("\"><ul>\n");
        for (Language other : languages) {
            body.append(other.equals(language)
                    ? "<li aria-current=\"page\">" + Html.escape(other.name()) + "</li>\n"
                    : "<li><a href=\"../" + other.tag() + "/" + file + "\" hreflang=\"" + other.tag() + "\" lang=\""
                            + other.tag() + "\">" + Html.escape(other.name()) + "</a></li>\n");
        }
        body.append("</ul></nav>\n</header>\n<main>\n").append(main).append("</main>\n");
        if (!file.equals(SiteMap.INDEX)) {
            body.append("<footer><a href=\"").append(SiteMap.INDEX).append("\">\u2190 ")
                    .append(Html.escape(labels.get("docs.all_codes"))).append("</a></footer>\n");
        }
        String fullTitle = file.equals(SiteMap.INDEX) ? title : title + " \u00b7 " + labels.get("docs.title");
        return document(language.tag(), fullTitle, "../" + SiteMap.STYLE, body.toString());
    }

    /** The HTML document around a body: UTF-8, its language, a title, the style sheet, a viewport for phones. */
    static String document(String tag, String title, String styleSheet, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + tag + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + styleSheet + "\">\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }
}
