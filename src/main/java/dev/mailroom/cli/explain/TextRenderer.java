package dev.mailroom.cli.explain;

import dev.mailroom.cli.explain.Block.Field;
import dev.mailroom.cli.explain.Block.Item;
import dev.mailroom.cli.explain.Block.Items;
import dev.mailroom.cli.explain.Block.Note;
import dev.mailroom.cli.explain.Block.Title;
import dev.mailroom.cli.explain.Block.Verbatim;
import dev.mailroom.reply.catalog.ReplyClass;
import java.util.List;
import java.util.Locale;

/**
 * Plain text for a terminal or a pipe: labels flush left, their text indented and wrapped to the terminal's
 * width, a blank line before each code. With colour, codes are coloured by class and labels are bold.
 */
final class TextRenderer {
    private static final String INDENT = "  ";
    private static final String BOLD = "1";
    private static final String DIM = "2";

    private final Terminal terminal;
    private final Locale locale;

    TextRenderer(Terminal terminal, Locale locale) {
        this.terminal = terminal;
        this.locale = locale;
    }

    String render(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            switch (block) {
                case Title title -> {
                    if (!out.isEmpty()) {
                        out.append('\n');
                    }
                    wrapped(out, title.text(), "", "", BOLD + ";" + colour(title.tone()));
                }
                case Field field -> {
                    label(out, field.label());
                    String[] paragraphs = field.text().split("\n\n");
                    for (int i = 0; i < paragraphs.length; i++) {
                        if (i > 0) {
                            out.append('\n');
                        }
                        wrapped(out, paragraphs[i], INDENT, INDENT, null);
                    }
                }
                case Items items -> {
                    label(out, items.label());
                    int termWidth = items.items().stream().mapToInt(item -> TextWrapper.columns(item.term())).max().orElse(0);
                    items.items().forEach(item -> item(out, item, termWidth));
                }
                case Verbatim verbatim -> {
                    label(out, verbatim.label());
                    verbatim.lines().forEach(line -> out.append(INDENT).append(line).append('\n'));
                }
                case Note note -> wrapped(out, note.text(), "", "", DIM);
            }
        }
        return out.toString();
    }

    private void label(StringBuilder out, String label) {
        out.append(style(label, BOLD)).append('\n');
    }

    private void item(StringBuilder out, Item item, int termWidth) {
        if (item.term().isEmpty()) {
            wrapped(out, item.text(), INDENT + "- ", INDENT + "  ", null);
            return;
        }
        String padding = " ".repeat(termWidth - TextWrapper.columns(item.term()) + 2);
        wrapped(out, item.text(), INDENT + style(item.term(), BOLD) + padding, INDENT + " ".repeat(termWidth + 2), null);
    }

    /**
     * Appends {@code text} wrapped to the terminal width, the first line after {@code firstPrefix} and the others
     * after {@code restPrefix} (which must have the same width when printed), styled if {@code style} is given.
     */
    private void wrapped(StringBuilder out, String text, String firstPrefix, String restPrefix, String style) {
        int available = Math.max(Terminal.MIN_WIDTH / 2, terminal.width() - TextWrapper.columns(restPrefix));
        List<String> lines = TextWrapper.wrap(text, available, locale);
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? firstPrefix : restPrefix).append(style == null ? lines.get(i) : style(lines.get(i), style)).append('\n');
        }
    }

    private String style(String text, String sgr) {
        return terminal.colour() ? "\u001B[" + sgr + "m" + text + "\u001B[0m" : text;
    }

    private static String colour(ReplyClass replyClass) {
        return switch (replyClass) {
            case POSITIVE_COMPLETION -> "32";
            case POSITIVE_INTERMEDIATE -> "36";
            case TRANSIENT_NEGATIVE -> "33";
            case PERMANENT_NEGATIVE -> "31";
        };
    }
}
