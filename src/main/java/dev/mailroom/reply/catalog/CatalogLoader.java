package dev.mailroom.reply.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads {@code codes.toml} (language-neutral facts) and the language files (text only), strictly: a missing,
 * blank, misspelt or extra key is an error, never a silent fallback, so an incomplete translation cannot ship.
 * All problems of a file are reported together, each with its file, line and key. The format is described in
 * {@code docs/catalog-format.md}.
 */
final class CatalogLoader {
    static final String FACTS_FILE = "codes.toml";
    static final String ENGLISH = "en";

    private static final Pattern REFERENCE = Pattern.compile("RFC [1-9][0-9]*( §[0-9]+(\\.[0-9]+)*)?|draft-[a-z0-9-]+");
    private static final Set<String> FACT_FIELDS = Set.of("defined_in", "action", "related", "used_with");
    private static final List<String> TEXT_FIELDS = List.of("name", "description", "when", "fix_sender", "fix_admin", "client");
    private static final Set<String> COMPARISON_FIELDS = Set.of("summary", "differences", "choice");
    /** Top-level keys of a language file that are not labels. */
    private static final Set<String> STRUCTURE_KEYS = Set.of("language", "name", "code", "compare");

    private CatalogLoader() {
    }

    /** Parses the facts file: entry key to facts, in catalogue order. */
    static Map<String, CodeFacts> parseFacts(String source) {
        Problems problems = new Problems(FACTS_FILE);
        TomlTable root = parse(source, problems);
        Map<String, CodeFacts> facts = new LinkedHashMap<>();
        TomlTable codes = root.getTableOrEmpty("code");
        problems.unexpectedKeys(root, Set.of("code"), "");
        for (String key : codes.keySet()) {
            if (!CodeKeys.isBasicKey(key) && !CodeKeys.isEnhancedKey(key)) {
                problems.at(codes, key, "code." + key, "not a basic code (421) or an enhanced key (X.7.1)");
                continue;
            }
            if (!codes.isTable(List.of(key))) {
                problems.at(codes, key, "code." + key, "must be a table");
                continue;
            }
            TomlTable entry = codes.getTable(List.of(key));
            String where = "code." + key;
            problems.unexpectedKeys(entry, FACT_FIELDS, where);
            List<String> references = problems.strings(entry, "defined_in", where);
            if (references.isEmpty() || !references.stream().allMatch(reference -> REFERENCE.matcher(reference).matches())) {
                problems.at(entry, "defined_in", where + ".defined_in",
                        "needs one or more references such as \"RFC 5321 §4.2.3\" or \"draft-name\"");
            }
            ClientAction action = problems.action(entry, where);
            List<String> related = problems.strings(entry, "related", where);
            boolean enhanced = CodeKeys.isEnhancedKey(key);
            if (enhanced != entry.contains("used_with")) {
                problems.at(entry, key, where + ".used_with", enhanced ? "missing (use [] if the registry gives none)"
                        : "only enhanced codes have used_with");
            }
            List<String> usedWith = enhanced ? problems.strings(entry, "used_with", where) : List.of();
            facts.put(key, new CodeFacts(key, references, related, action, usedWith));
        }
        facts.values().forEach(entry -> entry.related().stream()
                .filter(related -> !facts.containsKey(related) || related.equals(entry.key()))
                .forEach(related -> problems.add("code." + entry.key() + ".related: " + related
                        + " is not another entry of the catalogue")));
        problems.throwIfAny();
        return facts;
    }

    /**
     * Parses one language file. English is checked against the facts; every other language also against English,
     * whose keys and placeholders it must match exactly.
     */
    static LanguagePack parseLanguage(String tag, String source, Map<String, CodeFacts> facts, Optional<LanguagePack> english) {
        Problems problems = new Problems(tag + ".toml");
        TomlTable root = parse(source, problems);
        if (!tag.equals(root.getString("language"))) {
            problems.add("language: must be \"" + tag + "\", the file's name");
        }
        String name = problems.text(root, "name", "");
        Map<String, EntryText> entries = parseEntries(root.getTableOrEmpty("code"), facts, problems);
        Map<String, Comparison> comparisons = parseComparisons(root.getTableOrEmpty("compare"), facts, problems);
        Map<String, String> labels = parseLabels(root, problems);
        english.ifPresent(reference -> {
            problems.sameKeys("compare", reference.comparisons().keySet(), comparisons.keySet());
            problems.sameKeys("labels", reference.labels().keySet(), labels.keySet());
            labels.forEach((key, value) -> {
                String original = reference.labels().get(key);
                if (original != null && !Template.placeholders(original).equals(Template.placeholders(value))) {
                    problems.add(key + ": placeholders must be " + Template.placeholders(original)
                            + ", found " + Template.placeholders(value));
                }
            });
        });
        problems.throwIfAny();
        return new LanguagePack(tag, name, labels, entries, comparisons);
    }

    private static Map<String, EntryText> parseEntries(TomlTable codes, Map<String, CodeFacts> facts, Problems problems) {
        problems.sameKeys("code", facts.keySet(), codes.keySet());
        Map<String, EntryText> entries = new LinkedHashMap<>();
        for (String key : codes.keySet()) {
            CodeFacts fact = facts.get(key);
            if (fact == null || !codes.isTable(List.of(key))) {
                continue;
            }
            TomlTable entry = codes.getTable(List.of(key));
            String where = "code." + key;
            Set<String> allowed = new TreeSet<>(TEXT_FIELDS);
            allowed.add("related");
            problems.unexpectedKeys(entry, allowed, where);
            List<String> texts = TEXT_FIELDS.stream().map(field -> problems.text(entry, field, where)).toList();
            TomlTable relatedTable = entry.getTableOrEmpty("related");
            problems.sameKeys(where + ".related", Set.copyOf(fact.related()), relatedTable.keySet());
            Map<String, String> related = new LinkedHashMap<>();
            for (String relatedKey : fact.related()) {
                if (relatedTable.contains(List.of(relatedKey))) {
                    related.put(relatedKey, problems.text(relatedTable, List.of(relatedKey), where + ".related." + relatedKey));
                }
            }
            entries.put(key, new EntryText(texts.get(0), texts.get(1), texts.get(2), texts.get(3), texts.get(4),
                    texts.get(5), related));
        }
        return entries;
    }

    private static Map<String, Comparison> parseComparisons(TomlTable compare, Map<String, CodeFacts> facts, Problems problems) {
        Map<String, Comparison> comparisons = new LinkedHashMap<>();
        for (String pair : compare.keySet()) {
            String where = "compare." + pair;
            String[] codes = pair.split("-", -1);
            if (codes.length != 2 || !facts.containsKey(codes[0]) || !facts.containsKey(codes[1]) || codes[0].equals(codes[1])
                    || !compare.isTable(List.of(pair))) {
                problems.at(compare, pair, where, "must name two different catalogued codes, e.g. \"421-500\"");
                continue;
            }
            TomlTable table = compare.getTable(List.of(pair));
            problems.unexpectedKeys(table, COMPARISON_FIELDS, where);
            List<String> differences = problems.strings(table, "differences", where);
            if (differences.isEmpty() || differences.stream().anyMatch(String::isBlank)) {
                problems.at(table, "differences", where + ".differences", "needs at least one non-blank item");
            }
            comparisons.put(pair, new Comparison(problems.text(table, "summary", where),
                    differences.stream().map(CatalogLoader::normalize).toList(), problems.text(table, "choice", where)));
        }
        return comparisons;
    }

    /** Every string outside {@code code} and {@code compare} is a label, keyed by its dotted path. */
    private static Map<String, String> parseLabels(TomlTable root, Problems problems) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, Object> leaf : root.dottedEntrySet()) {
            String key = leaf.getKey();
            if (STRUCTURE_KEYS.contains(Toml.parseDottedKey(key).getFirst())) {
                continue;
            }
            if (leaf.getValue() instanceof String value && !value.isBlank()) {
                labels.put(key, normalize(value));
            } else {
                problems.add(key + ": must be a non-blank string");
            }
        }
        return labels;
    }

    private static TomlTable parse(String source, Problems problems) {
        TomlParseResult result = Toml.parse(source);
        result.errors().forEach(error -> problems.add("line " + error.position().line() + ": " + error.getMessage()));
        problems.throwIfAny();
        return result;
    }

    /**
     * Text is wrapped at display time, so line breaks inside a paragraph are just spaces; a blank line separates
     * paragraphs.
     */
    static String normalize(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            paragraphs.add(paragraph.strip().replaceAll("\\s+", " "));
        }
        return String.join("\n\n", paragraphs);
    }

    /** Collects the problems of one file, so a translator sees them all at once. */
    private static final class Problems {
        private final String file;
        private final List<String> found = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void add(String problem) {
            found.add(file + ": " + problem);
        }

        void at(TomlTable table, String key, String where, String problem) {
            TomlPosition position = table.inputPositionOf(List.of(key));
            add((position == null ? "" : "line " + position.line() + ": ") + where + ": " + problem);
        }

        void unexpectedKeys(TomlTable table, Set<String> allowed, String where) {
            table.keySet().stream().filter(key -> !allowed.contains(key))
                    .forEach(key -> at(table, key, where.isEmpty() ? key : where + "." + key, "unknown key"));
        }

        void sameKeys(String where, Set<String> expected, Set<String> actual) {
            expected.stream().filter(key -> !actual.contains(key)).sorted()
                    .forEach(key -> add(where + "." + key + ": missing"));
            actual.stream().filter(key -> !expected.contains(key)).sorted()
                    .forEach(key -> add(where + "." + key + ": not expected here"));
        }

        String text(TomlTable table, String field, String where) {
            return text(table, List.of(field), where.isEmpty() ? field : where + "." + field);
        }

        String text(TomlTable table, List<String> path, String where) {
            Object value = table.get(path);
            if (value instanceof String text && !text.isBlank()) {
                return normalize(text);
            }
            add(where + ": " + (value == null ? "missing" : "must be a non-blank string"));
            return "";
        }

        List<String> strings(TomlTable table, String field, String where) {
            if (!table.isArray(field)) {
                add(where + "." + field + ": must be an array");
                return List.of();
            }
            TomlArray array = table.getArray(field);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof String element) {
                    values.add(element);
                } else {
                    add(where + "." + field + "[" + i + "]: must be a string");
                }
            }
            return values;
        }

        ClientAction action(TomlTable entry, String where) {
            Object key = entry.get("action");
            try {
                return ClientAction.ofKey(String.valueOf(key));
            } catch (IllegalArgumentException e) {
                at(entry, "action", where + ".action", "must be one of continue, retry_later, try_another_host,"
                        + " fix_and_resend, bounce");
                return ClientAction.BOUNCE;
            }
        }

        void throwIfAny() {
            if (!found.isEmpty()) {
                throw new CatalogException(found);
            }
        }
    }
}
