package dev.mailroom.reply.catalog;

import dev.mailroom.reply.EnhancedStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reply-code catalogue: every basic reply code (RFC 5321, RFC 7504, RFC 4954) and every enhanced status code
 * of the IANA registry (RFC 3463, RFC 5248), with its facts and its text in several languages.
 *
 * <p>{@link #standard()} loads the catalogue shipped in this package once, on first use. The facts and the English
 * text are read at once; another language is read the first time it is asked for. A language without a file falls
 * back to English; a language file that exists must be complete, or loading it fails.
 */
public final class ReplyCatalog {
    /** The languages the catalogue is written in (or is to be): the file of each is {@code <tag>.toml}. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "zh", "pt", "es", "de", "ja");

    /** Reads a catalogue file by name, or nothing if there is no such file. */
    @FunctionalInterface
    public interface Source {
        Optional<String> read(String fileName);
    }

    private final Source source;
    private final Map<String, CodeFacts> facts;
    private final LanguagePack english;
    /** Languages read so far; guarded by {@code this}, as reading one is rare and fast. */
    private final Map<String, LanguagePack> languages = new HashMap<>();

    private ReplyCatalog(Source source) {
        this.source = source;
        this.facts = CatalogLoader.parseFacts(require(source, CatalogLoader.FACTS_FILE));
        this.english = CatalogLoader.parseLanguage(CatalogLoader.ENGLISH,
                require(source, CatalogLoader.ENGLISH + ".toml"), facts, Optional.empty());
        languages.put(CatalogLoader.ENGLISH, english);
    }

    /** The catalogue shipped with Mailroom. */
    public static ReplyCatalog standard() {
        return Standard.INSTANCE;
    }

    /** A catalogue read from another source (tests, or a site's own wording). */
    public static ReplyCatalog load(Source source) {
        return new ReplyCatalog(source);
    }

    /** Lazy holder: the shipped catalogue is parsed on first use, once, thread-safely. */
    private static final class Standard {
        static final ReplyCatalog INSTANCE = new ReplyCatalog(ReplyCatalog::readResource);
    }

    public boolean contains(int basicCode) {
        return facts.containsKey(CodeKeys.of(basicCode));
    }

    public boolean contains(EnhancedStatus status) {
        return facts.containsKey(CodeKeys.of(status));
    }

    /** The facts of an entry by key ({@code "421"}, {@code "X.7.1"}). */
    public Optional<CodeFacts> facts(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    /** Every entry key, basic codes first, in {@link CodeKeys#ORDER}. */
    public List<String> keys() {
        return facts.keySet().stream().sorted(CodeKeys.ORDER).toList();
    }

    public Optional<CodeEntry> basic(int code, Locale locale) {
        return entry(CodeKeys.of(code), Integer.toString(code), locale);
    }

    public Optional<CodeEntry> enhanced(EnhancedStatus status, Locale locale) {
        return entry(CodeKeys.of(status), status.toString(), locale);
    }

    private Optional<CodeEntry> entry(String key, String code, Locale locale) {
        return facts(key).map(fact -> new CodeEntry(code, ReplyClass.ofDigit(code.charAt(0) - '0'), fact,
                language(locale).entries().get(key)));
    }

    /** The written comparison of two codes (keys), in either order, if there is one. */
    public Optional<Comparison> comparison(String firstKey, String secondKey, Locale locale) {
        Map<String, Comparison> comparisons = language(locale).comparisons();
        return Optional.ofNullable(comparisons.get(firstKey + "-" + secondKey))
                .or(() -> Optional.ofNullable(comparisons.get(secondKey + "-" + firstKey)));
    }

    /** The text of the locale's language; English if the catalogue has no file for that language. */
    public synchronized LanguagePack language(Locale locale) {
        String tag = locale.getLanguage();
        if (!LANGUAGES.contains(tag)) {
            return english;
        }
        return languages.computeIfAbsent(tag, missing -> source.read(missing + ".toml")
                .map(text -> CatalogLoader.parseLanguage(missing, text, facts, Optional.of(english)))
                .orElse(english));
    }

    private static String require(Source source, String fileName) {
        return source.read(fileName).orElseThrow(() -> new CatalogException(List.of(fileName + ": missing")));
    }

    private static Optional<String> readResource(String fileName) {
        try (InputStream in = ReplyCatalog.class.getResourceAsStream(fileName)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalogue file " + fileName, e);
        }
    }
}
