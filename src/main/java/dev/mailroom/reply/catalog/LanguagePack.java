package dev.mailroom.reply.catalog;

import java.util.Map;
import java.util.NoSuchElementException;

/**
 * All the text of one language file: entry texts, written comparisons and labels (class names, section headings,
 * message templates). Every language file has exactly the keys of the English one; the loader checks it.
 *
 * @param tag         the language tag, e.g. {@code en}, {@code pt} (Brazilian Portuguese)
 * @param name        the language's name in itself, e.g. "Français"
 * @param labels      every other string, by dotted key, e.g. {@code classes.transient_negative.name}
 * @param entries     entry texts by code key ({@code "421"}, {@code "X.7.1"})
 * @param comparisons written comparisons by pair key ({@code "421-500"})
 */
public record LanguagePack(String tag, String name, Map<String, String> labels, Map<String, EntryText> entries,
        Map<String, Comparison> comparisons) {

    public LanguagePack {
        labels = Map.copyOf(labels);
        entries = Map.copyOf(entries);
        comparisons = Map.copyOf(comparisons);
    }

    /** The label with this key; a missing key is a programming error, since every file has every label. */
    public String label(String key) {
        String value = labels.get(key);
        if (value == null) {
            throw new NoSuchElementException("no label " + key + " in language " + tag);
        }
        return value;
    }

    /** The label with this key, its {@code {name}} placeholders filled from alternating names and values. */
    public String label(String key, String... namesAndValues) {
        return Template.fill(label(key), namesAndValues);
    }
}
