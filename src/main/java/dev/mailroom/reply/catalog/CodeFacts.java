package dev.mailroom.reply.catalog;

import java.util.List;

/**
 * The language-neutral facts of one catalogue entry, from {@code codes.toml}.
 *
 * @param key      {@code "421"} for a basic code, {@code "X.7.1"} for an enhanced code (the class digit varies)
 * @param references where the code is defined, most important first: {@code "RFC 5321 §4.2.3"}, or a draft's
 *                 name for the one registry entry that only a draft defines
 * @param related  keys of the codes people confuse with this one, or that go with it
 * @param action   what a client does on receiving it; for an enhanced code, what it does when the class is 5
 *                 (class 4 always means {@link ClientAction#RETRY_LATER}, class 2 {@link ClientAction#CONTINUE})
 * @param usedWith for an enhanced code, the basic codes the IANA registry lists it with (may be empty, or
 *                 patterns such as {@code 5XX}); always empty for a basic code
 */
public record CodeFacts(String key, List<String> references, List<String> related, ClientAction action, List<String> usedWith) {

    public CodeFacts {
        references = List.copyOf(references);
        related = List.copyOf(related);
        usedWith = List.copyOf(usedWith);
    }

    public boolean isEnhanced() {
        return CodeKeys.isEnhancedKey(key);
    }
}
