package dev.mailroom.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.cli.explain.Explainer;
import dev.mailroom.cli.explain.Terminal;
import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference site, written once into a temporary directory and every page parsed with jsoup. Its catalogue is
 * the shipped one plus a second language ("fr", the English text under another tag), so the language switcher
 * is checked whatever translations have been merged.
 */
class ReferenceSiteTest {
    private static final List<String> LANGUAGES = List.of("en", "fr");

    @TempDir
    static Path site;

    private static ReplyCatalog catalog;
    private static int pagesWritten;
    private static final Map<Path, Document> parsed = new ConcurrentHashMap<>();

    @BeforeAll
    static void writeTheSite() throws IOException {
        catalog = ReplyCatalog.load(file -> file.equals("fr.toml")
                ? shipped("en.toml").map(text -> text.replaceFirst("(?m)^language = \"en\"", "language = \"fr\"")
                        .replaceFirst("(?m)^name = \"English\"", "name = \"Fran\u00e7ais\""))
                : shipped(file));
        pagesWritten = new ReferenceSite(catalog).write(site, LANGUAGES);
    }

    @Test
    void everyPageIsWrittenAndHasATitleAndItsLanguage() throws IOException {
        List<Path> pages = pages();

        int perLanguage = catalog.keys().size() + english().comparisons().size() + 1;
        assertThat(pages).hasSize(pagesWritten).hasSize(LANGUAGES.size() * perLanguage + 1);
        assertThat(pages).allSatisfy(page -> {
            Document document = parse(page);
            String expectedLanguage = page.getParent().equals(site) ? "en" : page.getParent().getFileName().toString();
            assertThat(document.title()).as("title of %s", page).isNotBlank();
            assertThat(document.select("html").attr("lang")).as("language of %s", page).isEqualTo(expectedLanguage);
            assertThat(document.select("meta[charset]").attr("charset")).isEqualToIgnoringCase("utf-8");
            assertThat(document.select("main h1")).as("heading of %s", page).hasSize(1);
        });
    }

    @Test
    void everyInternalLinkLeadsToAFileAndEveryAnchorExists() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (Element link : parse(page).select("a[href], link[href]")) {
                String href = link.attr("href");
                String file = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
                String anchor = href.contains("#") ? href.substring(href.indexOf('#') + 1) : "";
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                checked++;
                if (!Files.isRegularFile(target) || !target.startsWith(site)) {
                    broken.add(site.relativize(page) + " -> " + href);
                } else if (!anchor.isEmpty() && parse(target).getElementById(anchor) == null) {
                    broken.add(site.relativize(page) + " -> " + href + " (no such anchor)");
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(checked).isGreaterThan(LANGUAGES.size() * catalog.keys().size() * 5);
    }

    @Test
    void nothingIsLoadedFromTheNetwork() throws IOException {
        for (Path page : pages()) {
            Document document = parse(page);
            assertThat(document.select("[src]")).as("%s", page).isEmpty();
            assertThat(document.select("[href]").eachAttr("href")).as("%s", page).noneMatch(href -> href.contains("//"));
        }
        assertThat(Files.readString(site.resolve(SiteMap.STYLE))).doesNotContain("url(", "@import");
    }

    @Test
    void theIndexListsEveryCodeAndEveryComparisonWithALink() {
        Document index = parse(site.resolve("en/index.html"));

        List<String> keys = index.select("li[data-key]").eachAttr("data-key");
        List<String> comparisons = english().comparisons().keySet().stream().map(pair -> "compare-" + pair).toList();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(Stream.concat(catalog.keys().stream(), comparisons.stream()).toList());
        assertThat(index.select("li[data-key=421] a").attr("href")).isEqualTo("421.html");
        assertThat(index.select("li[data-key=421] a").text()).isEqualTo("421 " + english().entries().get("421").name());
        assertThat(index.select("li[data-key=421]").hasClass("transient_negative")).isTrue();
        assertThat(index.select("li[data-key=X.7.1] a").attr("href")).isEqualTo("X.7.1.html");
        assertThat(index.select("li[data-key=compare-421-500] a").text()).startsWith("421 \u2194 500");
    }

    @Test
    void theSearchIsHiddenWithoutScriptAndItsIndexCoversEveryListedItem() throws IOException {
        Document index = parse(site.resolve("en/index.html"));

        String data = index.getElementById("search-data").data();
        JsonNode entries = new ObjectMapper().readTree(data);
        assertThat(index.getElementById("search").hasAttr("hidden")).isTrue();
        assertThat(index.select("li[data-key][hidden]")).isEmpty();
        assertThat(entries.findValuesAsText("key")).isEqualTo(index.select("li[data-key]").eachAttr("data-key"));
        int position421 = index.select("li[data-key]").eachAttr("data-key").indexOf("421");
        assertThat(entries.get(position421).get("words").asText()).contains("421", english().entries().get("421").description());
        assertThat(data).doesNotContain("<");
        assertThat(index.select("script:not([type])").first().data()).contains("search-data", "URLSearchParams");
    }

    @Test
    void aCodePageSaysWhatExplainSays() {
        Document page = parse(site.resolve("en/421.html"));

        assertThat(headings(page)).containsSequence(markdownLabels(explainer().explain(List.of("421")).output()));
        assertThat(page.select("main h1").text()).isEqualTo("421 " + english().entries().get("421").name());
        assertThat(page.select("main h1").hasClass("transient_negative")).isTrue();
        assertThat(page.select("main p").eachText()).contains(english().entries().get("421").description());
        assertThat(page.select("main dt a").eachAttr("href")).contains("451.html", "X.3.2.html");
        assertThat(page.select("nav.compared a").eachAttr("href")).contains("compare-421-500.html", "compare-421-553.html");
    }

    @Test
    void aComparisonPageSaysWhatCompareSays() {
        Document page = parse(site.resolve("en/compare-450-550.html"));

        assertThat(headings(page)).isEqualTo(markdownLabels(explainer().compare("450", "550").output()));
        assertThat(page.title()).startsWith("450 \u2194 550");
        assertThat(page.select("main li").eachText()).isEqualTo(catalog.comparison("450", "550", Locale.ENGLISH).orElseThrow().differences());
        assertThat(page.select("main dt a").eachAttr("href")).contains("450.html", "550.html");
    }

    @Test
    void anEnhancedEntryIsShownInItsMostSeriousClassAndNamesTheOthers() {
        Document relay = parse(site.resolve("en/X.7.1.html"));
        Document valid = parse(site.resolve("en/X.1.5.html"));

        assertThat(relay.select("main h1").text()).startsWith("5.7.1 ");
        assertThat(relay.select("main h1 + p.note").text()).isEqualTo("4.7.1 has the same meaning as a Transient negative reply; "
                + "what a client should do: Retry later.");
        assertThat(valid.select("main h1").text()).startsWith("2.1.5 ");
        assertThat(valid.select("main p.note")).isEmpty();
    }

    @Test
    void textIsEscapedNotInterpretedAsMarkup() throws IOException {
        Path page = site.resolve("en/501.html");

        assertThat(Files.readString(page)).contains("MAIL FROM:&lt;alice@example.org&gt;");
        assertThat(parse(page).select("main").text()).contains("MAIL FROM:<alice@example.org>");
    }

    @Test
    void everyPageLinksToItsVersionsInTheOtherLanguages() {
        Document english = parse(site.resolve("en/compare-421-500.html"));
        Document french = parse(site.resolve("fr/compare-421-500.html"));

        assertThat(english.select("nav.languages [aria-current=page]").text()).isEqualTo("English");
        assertThat(english.select("nav.languages a[hreflang=fr]").attr("href")).isEqualTo("../fr/compare-421-500.html");
        assertThat(french.select("nav.languages a[hreflang=en]").attr("href")).isEqualTo("../en/compare-421-500.html");
        assertThat(french.select("header .home").text()).isEqualTo("Codes de r\u00e9ponse SMTP");
        assertThat(parse(site.resolve("index.html")).select("main a").eachAttr("href")).containsExactly("en/index.html", "fr/index.html");
    }

    private static List<String> headings(Document page) {
        return page.select("main h2").eachText();
    }

    /** The bold labels of explain's Markdown output, which are the headings of its sections. */
    private static List<String> markdownLabels(String markdown) {
        return markdown.lines().filter(line -> line.startsWith("**") && line.endsWith("**"))
                .map(line -> line.substring(2, line.length() - 2)).toList();
    }

    private static Explainer explainer() {
        return new Explainer(catalog, Locale.ENGLISH, Explainer.Format.MARKDOWN, new Terminal(80, false));
    }

    private static LanguagePack english() {
        return catalog.language(Locale.ENGLISH);
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(site)) {
            return files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
        }
    }

    private static Document parse(Path page) {
        return parsed.computeIfAbsent(page, file -> {
            try {
                return Jsoup.parse(file.toFile(), "UTF-8");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Optional<String> shipped(String file) {
        try (InputStream in = ReplyCatalog.class.getResourceAsStream(file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
