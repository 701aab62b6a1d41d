package dev.mailroom.cli.explain;

import dev.mailroom.reply.catalog.ClientAction;
import dev.mailroom.reply.catalog.CodeEntry;
import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyClass;
import java.util.List;

/**
 * Everything shown about one code, resolved into one language: what every output format draws from.
 *
 * @param categoryLabel   "Second digit" for a basic code, "Subject" for an enhanced code (translated)
 * @param categoryMeaning what that digit or subject means
 * @param usedWith        for an enhanced code, the basic codes the IANA registry lists for it
 */
record CodeView(String code, boolean enhanced, String name, ReplyClass replyClass, String className,
        String classMeaning, int category, String categoryLabel, String categoryMeaning, String description,
        String when, String senderFix, String adminFix, ClientAction action, String actionName, String clientAdvice,
        List<String> references, List<String> usedWith, List<Related> related) {

    /** A related code with its name and how it differs. */
    record Related(String code, String name, String note) {
    }

    static CodeView of(CodeEntry entry, LanguagePack language) {
        String replyClass = "classes." + entry.replyClass().key();
        String category = (entry.isEnhanced() ? "subjects." : "categories.") + entry.category();
        List<Related> related = entry.facts().related().stream()
                .map(key -> new Related(key, language.entries().get(key).name(), entry.text().related().get(key)))
                .toList();
        return new CodeView(entry.code(), entry.isEnhanced(), entry.text().name(), entry.replyClass(),
                language.label(replyClass + ".name"), language.label(replyClass + ".meaning"), entry.category(),
                language.label(entry.isEnhanced() ? "headings.subject" : "headings.category"), language.label(category),
                entry.text().description(), entry.text().when(), entry.text().senderFix(), entry.text().adminFix(),
                entry.action(), language.label("actions." + entry.action().key()), entry.text().clientAdvice(),
                entry.facts().references(), entry.facts().usedWith(), related);
    }
}
