package dev.mailroom.cli.docs;

import dev.mailroom.reply.EnhancedStatus;
import dev.mailroom.reply.catalog.CodeFacts;
import dev.mailroom.reply.catalog.CodeKeys;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where each page of the reference site lives ({@code 421.html}, {@code X.7.1.html}, {@code compare-421-500.html},
 * one directory per language), and which code the page of an enhanced entry shows.
 *
 * <p>An enhanced entry such as X.7.1 stands for 4.7.1 and 5.7.1, which differ only in what a client does. Its page
 * explains it in the most serious class it is used in (the IANA registry's basic codes for it, 4xx and 5xx when
 * it lists none), as {@code explain 5.7.1} would, and names the other classes in a note.
 */
final class SiteMap {
    static final String INDEX = "index.html";
    static final String STYLE = "mailroom.css";

    private static final Pattern ENHANCED_CODE = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");
    private static final List<Integer> CLASSES_MOST_SERIOUS_FIRST = List.of(5, 4, 2);

    private final ReplyCatalog catalog;

    SiteMap(ReplyCatalog catalog) {
        this.catalog = catalog;
    }

    static String codePage(String key) {
        return key + ".html";
    }

    /** @param pair a comparison's key, {@code 421-500} */
    static String comparisonPage(String pair) {
        return "compare-" + pair + ".html";
    }

    /** The two keys of a comparison's key {@code 421-500} (keys themselves contain no hyphen). */
    static List<String> keys(String pair) {
        return List.of(pair.split("-", 2));
    }

    /** {@code 421 ↔ 500}: a comparison's codes as their pages show them. */
    String pairTitle(String pair) {
        return shownCode(keys(pair).getFirst()) + " \u2194 " + shownCode(keys(pair).getLast());
    }

    /** The page of a code written as a key ({@code 550}, {@code X.7.1}) or as a code ({@code 5.7.1}), if catalogued. */
    Optional<String> link(String code) {
        String key = ENHANCED_CODE.matcher(code).matches() ? CodeKeys.of(EnhancedStatus.parse(code)) : code;
        return catalog.facts(key).map(facts -> codePage(key));
    }

    /** The code an entry's page explains: {@code 421}, or {@code 5.7.1} for X.7.1 (see the class comment). */
    String shownCode(String key) {
        return classes(key).stream().findFirst().map(digit -> digit + key.substring(1)).orElse(key);
    }

    /** For an enhanced entry, its codes in the classes other than the one its page shows: {@code [4.7.1]}. */
    List<String> otherCodes(String key) {
        return classes(key).stream().skip(1).map(digit -> digit + key.substring(1)).toList();
    }

    /** The classes an enhanced entry is used in, most serious first; none for a basic code. */
    private List<Integer> classes(String key) {
        CodeFacts facts = catalog.facts(key).orElseThrow();
        if (!facts.isEnhanced()) {
            return List.of();
        }
        List<Integer> used = CLASSES_MOST_SERIOUS_FIRST.stream()
                .filter(digit -> facts.usedWith().stream().anyMatch(basic -> basic.charAt(0) - '0' == digit))
                .toList();
        return used.isEmpty() ? List.of(5, 4) : used;
    }
}
