package dev.mailroom.cli.explain;

import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * The words of {@code mailroom check} and {@code mailroom docs} around the catalogue's text: verdicts, problems,
 * the reference site's headings. Kept in {@code labels/<tag>.toml} beside this class rather than in the catalogue
 * files, so that adding them did not invalidate translations of the catalogue written in parallel; every language
 * of {@link ReplyCatalog#LANGUAGES} has a file, and a test checks each has exactly the keys and placeholders of
 * English. Placeholders work as in the catalogue ({@link Template}).
 */
public final class CliLabels {
    private final String tag;
    private final Map<String, String> labels;

    private CliLabels(String tag, Map<String, String> labels) {
        this.tag = tag;
        this.labels = Map.copyOf(labels);
    }

    /** The labels of a language of {@link ReplyCatalog#LANGUAGES}. */
    public static CliLabels of(String tag) {
        if (!ReplyCatalog.LANGUAGES.contains(tag)) {
            throw new IllegalArgumentException("no labels for language " + tag);
        }
        String file = "labels/" + tag + ".toml";
        try (InputStream in = CliLabels.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + file);
            }
            TomlParseResult toml = Toml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (toml.hasErrors()) {
                throw new IllegalStateException(file + ": " + toml.errors());
            }
            Map<String, String> labels = new TreeMap<>();
            toml.dottedKeySet().forEach(key -> labels.put(key, toml.getString(key)));
            return new CliLabels(tag, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public String tag() {
        return tag;
    }

    /** Every label by dotted key, for the completeness test. */
    public Map<String, String> all() {
        return labels;
    }

    /** The label with this key, its {@code {name}} placeholders filled from alternating names and values. */
    public String get(String key, String... namesAndValues) {
        String label = labels.get(key);
        if (label == null) {
            throw new NoSuchElementException("no CLI label " + key + " in language " + tag);
        }
        return Template.fill(label, namesAndValues);
    }
}
