package dev.mailroom.cli.explain;

import dev.mailroom.cli.explain.Block.Field;
import dev.mailroom.cli.explain.Block.Items;
import dev.mailroom.cli.explain.Block.Note;
import dev.mailroom.cli.explain.Block.Title;
import dev.mailroom.cli.explain.Block.Verbatim;
import java.util.List;

/** CommonMark, for pasting into tickets, wikis and READMEs: a heading per code, a bold label per field. */
final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    static String render(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            switch (block) {
                case Title title -> out.append("## ").append(escape(title.text())).append("\n\n");
                case Field field -> out.append("**").append(escape(field.label())).append("**\n\n")
                        .append(escape(field.text())).append("\n\n");
                case Items items -> {
                    out.append("**").append(escape(items.label())).append("**\n\n");
                    items.items().forEach(item -> out.append("- ")
                            .append(item.term().isEmpty() ? "" : "**" + escape(item.term()) + "**: ")
                            .append(escape(item.text())).append('\n'));
                    out.append('\n');
                }
                case Verbatim verbatim -> out.append("**").append(escape(verbatim.label())).append("**\n\n```\n")
                        .append(String.join("\n", verbatim.lines())).append("\n```\n\n");
                case Note note -> out.append("> ").append(escape(note.text())).append("\n\n");
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    /** Backslash-escapes what CommonMark would read as markup: emphasis, code spans, links and HTML tags. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("\\`*_<>[]".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
