package dev.mailroom.cli.explain;

import dev.mailroom.reply.EnhancedStatus;
import dev.mailroom.reply.catalog.ClientAction;
import dev.mailroom.reply.catalog.CodeEntry;
import dev.mailroom.reply.catalog.CodeKeys;
import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.ReplyClass;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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

    private static final Pattern BASIC = Pattern.compile("[0-9]{3}");

    /** A related code with its name and how it differs. */
    record Related(String code, String name, String note) {
    }

    /**
     * The view of a code as written, {@code 421} or {@code 5.7.1}, in {@code language} (the catalogue's language
     * for {@code locale}); nothing if the code is not catalogued or not a code at all.
     */
    static Optional<CodeView> lookUp(ReplyCatalog catalog, String code, Locale locale, LanguagePack language) {
        Optional<CodeEntry> entry = BASIC.matcher(code).matches()
                ? catalog.basic(Integer.parseInt(code), locale)
                : parseEnhanced(code).flatMap(status -> catalog.enhanced(status, locale));
        return entry.map(found -> of(found, language));
    }

    private static Optional<EnhancedStatus> parseEnhanced(String code) {
        try {
            return Optional.of(EnhancedStatus.parse(code));
        } catch (IllegalArgumentException notAnEnhancedCode) {
            // A class digit other than 2, 4 or 5, or a number out of range: no such code.
            return Optional.empty();
        }
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

    /** The catalogue key of this code: {@code 421}, or {@code X.7.1} for 5.7.1. */
    String key() {
        return enhanced ? CodeKeys.of(EnhancedStatus.parse(code)) : code;
    }
}
