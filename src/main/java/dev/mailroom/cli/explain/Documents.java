package dev.mailroom.cli.explain;

import dev.mailroom.cli.explain.Block.Field;
import dev.mailroom.cli.explain.Block.Item;
import dev.mailroom.cli.explain.Block.Items;
import dev.mailroom.cli.explain.Block.Note;
import dev.mailroom.cli.explain.Block.Title;
import dev.mailroom.cli.explain.Block.Verbatim;
import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Lays out explanations and comparisons as {@link Block}s, with headings in the chosen language. */
final class Documents {
    private Documents() {
    }

    static List<Block> explain(Optional<ReplyReport> reply, List<CodeView> codes, LanguagePack language) {
        List<Block> blocks = new ArrayList<>();
        reply.ifPresent(report -> {
            blocks.add(new Verbatim(language.label("headings.reply"), report.lines()));
            for (ReplyReport.Verdict verdict : report.verdicts()) {
                blocks.add(new Field(language.label("headings.relay_action") + " (" + verdict.part().text() + ")",
                        language.label("actions." + verdict.relayAction().key())));
                if (verdict.classMismatch()) {
                    blocks.add(new Note(language.label("notes.class_mismatch",
                            "enhanced", verdict.part().enhanced().orElseThrow().toString(),
                            "basic", Integer.toString(verdict.part().code()))));
                }
            }
        });
        codes.forEach(code -> blocks.addAll(entry(code, language)));
        return blocks;
    }

    private static List<Block> entry(CodeView code, LanguagePack language) {
        List<Block> blocks = new ArrayList<>(List.of(
                new Title(code.code() + "  " + code.name(), code.replyClass()),
                new Field(language.label("headings.class"), labelled(language, code.className(), code.classMeaning())),
                new Field(code.categoryLabel(), code.categoryMeaning()),
                new Field(language.label("headings.description"), code.description()),
                new Field(language.label("headings.when"), code.when()),
                new Field(language.label("headings.fix_sender"), code.senderFix()),
                new Field(language.label("headings.fix_admin"), code.adminFix()),
                new Field(labelled(language, language.label("headings.client"), code.actionName()), code.clientAdvice()),
                new Field(language.label("headings.defined_in"), String.join(", ", code.references()))));
        if (code.enhanced()) {
            blocks.add(new Field(language.label("headings.used_with"), code.usedWith().isEmpty()
                    ? language.label("headings.used_with_none") : String.join(", ", code.usedWith())));
        }
        blocks.add(new Items(language.label("headings.related"),
                code.related().stream().map(related -> new Item(related.code(), related.note())).toList()));
        return blocks;
    }

    static List<Block> compare(ComparisonView comparison, LanguagePack language) {
        CodeView left = comparison.left();
        CodeView right = comparison.right();
        // A pair in one class takes its colour; a mixed pair is coloured by the more serious of the two.
        ReplyClass tone = left.replyClass().compareTo(right.replyClass()) >= 0 ? left.replyClass() : right.replyClass();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Title(left.code() + " \u2194 " + right.code(), tone));
        blocks.add(sideBySide(language.label("headings.name"), left, right, CodeView::name));
        if (!comparison.written()) {
            blocks.add(new Note(language.label("notes.generic_comparison")));
        }
        blocks.add(new Field(language.label("headings.summary"), comparison.summary()));
        blocks.add(sideBySide(language.label("headings.class"), left, right,
                code -> labelled(language, code.className(), code.classMeaning())));
        blocks.add(sideBySide(language.label("headings.description"), left, right, CodeView::description));
        blocks.add(sideBySide(language.label("headings.when"), left, right, CodeView::when));
        blocks.add(sideBySide(language.label("headings.fix_sender"), left, right, CodeView::senderFix));
        blocks.add(sideBySide(language.label("headings.fix_admin"), left, right, CodeView::adminFix));
        blocks.add(sideBySide(language.label("headings.client"), left, right, code -> actionAndAdvice(language, code)));
        blocks.add(new Items(language.label("headings.differences"),
                comparison.differences().stream().map(difference -> new Item("", difference)).toList()));
        blocks.add(new Field(language.label("headings.choice"), String.join("\n\n", comparison.choice())));
        return blocks;
    }

    /** "label: text", punctuated as the language does it (a full-width colon in Chinese and Japanese). */
    private static String labelled(LanguagePack language, String label, String text) {
        return language.label("punctuation.labelled", "label", label, "text", text);
    }

    /** "Retry later: Close the connection, ..."; advice that starts by naming its action is not prefixed twice. */
    private static String actionAndAdvice(LanguagePack language, CodeView code) {
        return code.clientAdvice().startsWith(code.actionName())
                ? code.clientAdvice() : labelled(language, code.actionName(), code.clientAdvice());
    }

    private static Items sideBySide(String label, CodeView left, CodeView right, Function<CodeView, String> aspect) {
        return new Items(label, List.of(new Item(left.code(), aspect.apply(left)), new Item(right.code(), aspect.apply(right))));
    }
}
