package dev.mailroom.cli.explain;

import dev.mailroom.reply.catalog.Comparison;
import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Two codes side by side, with the key differences and which one a server should send. For the pairs people
 * often confuse the catalogue has written text; for any other pair the differences are derived from the two
 * entries, using sentence templates of the language file.
 *
 * @param written whether the summary, differences and choice were written for this pair
 */
record ComparisonView(CodeView left, CodeView right, boolean written, String summary, List<String> differences,
        List<String> choice) {

    static ComparisonView of(CodeView left, CodeView right, Optional<Comparison> comparison, LanguagePack language) {
        return comparison
                .map(text -> new ComparisonView(left, right, true, text.summary(), text.differences(),
                        List.of(text.choice())))
                .orElseGet(() -> derived(left, right, language));
    }

    private static ComparisonView derived(CodeView a, CodeView b, LanguagePack language) {
        String summary = language.label("generic.summary", "a", a.code(), "a_name", a.name(), "a_class", a.className(),
                "b", b.code(), "b_name", b.name(), "b_class", b.className());
        List<String> differences = new ArrayList<>();
        differences.add(classDifference(a, b, language));
        if (!a.categoryMeaning().equals(b.categoryMeaning())) {
            differences.add(language.label("generic.category_differs", "a", a.code(), "a_category", a.categoryMeaning(),
                    "b", b.code(), "b_category", b.categoryMeaning()));
        }
        differences.add(a.action() == b.action()
                ? language.label("generic.action_same", "action", a.actionName())
                : language.label("generic.action_differs", "a", a.code(), "a_action", a.actionName(),
                        "b", b.code(), "b_action", b.actionName()));
        List<String> choice = List.of(
                language.label("generic.choice", "code", a.code(), "name", a.name(), "when", a.when()),
                language.label("generic.choice", "code", b.code(), "name", b.name(), "when", b.when()));
        return new ComparisonView(a, b, false, summary, differences, choice);
    }

    private static String classDifference(CodeView a, CodeView b, LanguagePack language) {
        if (a.replyClass() == b.replyClass()) {
            return language.label("generic.class_same", "class", a.className(), "meaning", a.classMeaning());
        }
        // Transient against permanent is the difference that matters most: only one is worth retrying.
        Optional<CodeView> transientOne = Stream.of(a, b).filter(view -> view.replyClass() == ReplyClass.TRANSIENT_NEGATIVE)
                .findFirst();
        boolean againstPermanent = Stream.of(a, b).anyMatch(view -> view.replyClass() == ReplyClass.PERMANENT_NEGATIVE);
        String key = transientOne.isPresent() && againstPermanent ? "generic.class_differs_retry" : "generic.class_differs";
        return language.label(key, "a", a.code(), "a_class", a.className(), "b", b.code(), "b_class", b.className(),
                "transient", transientOne.map(CodeView::code).orElse(""));
    }
}
