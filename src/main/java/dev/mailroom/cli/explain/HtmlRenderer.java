package dev.mailroom.cli.explain;

import dev.mailroom.cli.explain.Block.Field;
import dev.mailroom.cli.explain.Block.Item;
import dev.mailroom.cli.explain.Block.Items;
import dev.mailroom.cli.explain.Block.Note;
import dev.mailroom.cli.explain.Block.Title;
import dev.mailroom.cli.explain.Block.Verbatim;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * HTML for the reference site: a title as {@code h1}, each labelled block as a {@code section} with an {@code h2},
 * paragraphs as {@code p}, terms (codes) as a definition list whose codes link to their pages. Every text is escaped.
 */
final class HtmlRenderer {
    private final Function<String, Optional<String>> links;

    /** @param links the address of a code's page ({@code 550}, {@code X.7.1}, {@code 5.7.1}), if there is one */
    HtmlRenderer(Function<String, Optional<String>> links) {
        this.links = links;
    }

    String render(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            switch (block) {
                case Title title -> out.append("<h1 class=\"").append(title.tone().key()).append("\">")
                        .append(Html.escape(title.text())).append("</h1>\n");
                case Field field -> {
                    open(out, field.label());
                    for (String paragraph : field.text().split("\n\n")) {
                        out.append("<p>").append(Html.escape(paragraph)).append("</p>\n");
                    }
                    out.append("</section>\n");
                }
                case Items items -> {
                    open(out, items.label());
                    boolean terms = items.items().stream().anyMatch(item -> !item.term().isEmpty());
                    out.append(terms ? "<dl>\n" : "<ul>\n");
                    items.items().forEach(item -> item(out, item, terms));
                    out.append(terms ? "</dl>\n" : "</ul>\n").append("</section>\n");
                }
                case Verbatim verbatim -> {
                    open(out, verbatim.label());
                    out.append("<pre>").append(Html.escape(String.join("\n", verbatim.lines()))).append("</pre>\n</section>\n");
                }
                case Note note -> out.append("<p class=\"note\">").append(Html.escape(note.text())).append("</p>\n");
            }
        }
        return out.toString();
    }

    private static void open(StringBuilder out, String label) {
        out.append("<section>\n<h2>").append(Html.escape(label)).append("</h2>\n");
    }

    private void item(StringBuilder out, Item item, boolean terms) {
        if (!terms) {
            out.append("<li>").append(Html.escape(item.text())).append("</li>\n");
            return;
        }
        String term = Html.escape(item.term());
        out.append("<dt>").append(links.apply(item.term())
                        .map(href -> "<a href=\"" + Html.escape(href) + "\">" + term + "</a>").orElse(term))
                .append("</dt><dd>").append(Html.escape(item.text())).append("</dd>\n");
    }
}
