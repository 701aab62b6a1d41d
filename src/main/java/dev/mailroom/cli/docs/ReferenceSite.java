package dev.mailroom.cli.docs;

import dev.mailroom.cli.explain.CliLabels;
import dev.mailroom.cli.explain.Html;
import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The static reference site {@code mailroom docs} writes: a directory per language with a page per code, a page per
 * written comparison and an index with an offline search, plus a language chooser and one style sheet at the top.
 * Plain files with relative links: they work from a web server or straight from the disk, and need nothing else.
 */
public final class ReferenceSite {
    private final ReplyCatalog catalog;
    private final SiteMap map;

    public ReferenceSite(ReplyCatalog catalog) {
        this.catalog = catalog;
        this.map = new SiteMap(catalog);
    }

    /** The languages the catalogue has its own file for: the ones a site can be written in. */
    public List<String> languages() {
        return ReplyCatalog.LANGUAGES.stream().filter(tag -> language(tag).tag().equals(tag)).toList();
    }

    /**
     * Writes the site for {@code languages} (some of {@link #languages()}) into {@code directory}, creating it if
     * need be and replacing the files it writes; returns the number of HTML pages written.
     */
    public int write(Path directory, List<String> languages) throws IOException {
        if (languages.isEmpty() || !languages().containsAll(languages)) {
            throw new IllegalArgumentException("languages " + languages + " are not all among " + languages());
        }
        Files.createDirectories(directory);
        try (InputStream style = ReferenceSite.class.getResourceAsStream(SiteMap.STYLE)) {
            Files.copy(style, directory.resolve(SiteMap.STYLE), StandardCopyOption.REPLACE_EXISTING);
        }
        List<Layout.Language> all = languages.stream().map(tag -> new Layout.Language(tag, language(tag).name())).toList();
        int pages = 0;
        for (Layout.Language language : all) {
            Layout layout = new Layout(language, all, CliLabels.of(language.tag()));
            pages += new LanguageSite(catalog, map, language.tag(), layout).write(directory.resolve(language.tag()));
        }
        Files.writeString(directory.resolve(SiteMap.INDEX), chooser(all));
        return pages + 1;
    }

    /** The top page: each language by its own name, in its own language. */
    private static String chooser(List<Layout.Language> languages) {
        Layout.Language first = languages.getFirst();
        String title = CliLabels.of(first.tag()).get("docs.title");
        StringBuilder body = new StringBuilder("<main>\n<h1>").append(Html.escape(title)).append("</h1>\n<ul class=\"chooser\">\n");
        for (Layout.Language language : languages) {
            body.append("<li><a href=\"").append(language.tag()).append('/').append(SiteMap.INDEX).append("\" hreflang=\"")
                    .append(language.tag()).append("\" lang=\"").append(language.tag()).append("\">")
                    .append(Html.escape(language.name())).append("</a></li>\n");
        }
        body.append("</ul>\n</main>\n");
        return Layout.document(first.tag(), title, SiteMap.STYLE, body.toString());
    }

    private LanguagePack language(String tag) {
        return catalog.language(Locale.forLanguageTag(tag));
    }
}
