package dev.mailroom.cli.check;

import dev.mailroom.reply.catalog.ClientAction;
import dev.mailroom.reply.catalog.CodeEntry;
import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.ReplyClass;
import dev.mailroom.reply.catalog.ReplyClassifier;
import java.util.Locale;
import java.util.Optional;

/**
 * A reply explained in one line from the catalogue: the names of its codes and what a client should do, e.g.
 * {@code 554 Transaction failed · 5.7.1 Delivery not authorized, message refused → Bounce}.
 *
 * @param name         the basic code's name, or its class's name if the catalogue does not know the code
 * @param enhancedName the enhanced code's name, if the reply has a catalogued one
 */
record ReplyGloss(int code, String name, Optional<String> enhanced, Optional<String> enhancedName,
        ClientAction action, String actionName) {

    static ReplyGloss of(Event.Received reply, ReplyCatalog catalog, Locale locale) {
        LanguagePack language = catalog.language(locale);
        Optional<CodeEntry> basic = catalog.basic(reply.code(), locale);
        // An uncatalogued code is read by its first digit (RFC 5321 §4.2.1), as the relay reads it.
        String name = basic.map(entry -> entry.text().name())
                .orElseGet(() -> language.label("classes." + ReplyClass.ofCode(reply.code()).key() + ".name"));
        ClientAction action = basic.map(CodeEntry::action)
                .orElseGet(() -> new ReplyClassifier(catalog).classify(reply.code(), reply.enhanced()));
        Optional<CodeEntry> enhanced = reply.enhanced().flatMap(status -> catalog.enhanced(status, locale));
        return new ReplyGloss(reply.code(), name, enhanced.map(CodeEntry::code), enhanced.map(entry -> entry.text().name()),
                action, language.label("actions." + action.key()));
    }

    String text() {
        return code + " " + name + enhanced.map(code -> " \u00b7 " + code + " " + enhancedName.orElseThrow()).orElse("")
                + " \u2192 " + actionName;
    }
}
