package dev.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers point one way (STYLE.md): reply ← protocol ← policy ← storage ← transport ← server ← cli. A layer
 * may use the layers to its left, never one to its right; and the pure core (reply, protocol) touches no
 * socket, file, thread or clock. Checked on the source text, so a fully qualified name counts as much as an
 * import.
 *
 * <p>Why it fails when an arrow points backwards: if {@code SmtpSession} imported
 * {@code dev.mailroom.storage.MessageStore}, its code would contain {@code dev.mailroom.storage.}; storage
 * stands right of protocol in {@link #LAYERS}, so {@link #backwardReferences} reports
 * {@code protocol/SmtpSession.java uses storage} and {@link #layersOnlyUseLayersToTheirLeft} fails. Likewise a
 * {@code System.currentTimeMillis()} in {@code protocol} matches {@link #IMPURE} and fails
 * {@link #thePureCoreUsesNoSocketFileThreadOrClock}. {@link #theCheckersSeeAViolationWhenThereIsOne} runs both
 * checkers on such text, so a checker that matches nothing cannot pass unnoticed.
 * New packages (delivery, for one) must be placed in {@link #LAYERS} to be checked.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/mailroom");

    /** Inside out: each layer may use those before it. */
    private static final List<String> LAYERS =
            List.of("reply", "protocol", "policy", "storage", "transport", "ops", "server", "config", "testkit", "cli");

    private static final List<String> PURE = List.of("reply", "protocol");

    private static final Pattern MAILROOM_PACKAGE = Pattern.compile("\\bdev\\.mailroom\\.(\\w+)\\.");

    /** Sockets, files, concurrency, threads and the clock: what the sans-I/O core must never reach for. */
    private static final Pattern IMPURE = Pattern.compile(String.join("|",
            "\\bjava\\.net\\.",
            "\\bjava\\.nio\\.file\\.",
            "\\bjava\\.io\\.File",
            "\\bjava\\.util\\.concurrent\\b",
            "\\bjava\\.time\\.Clock\\b",
            "\\bClock\\.",
            "\\b(Instant|LocalDateTime|ZonedDateTime|OffsetDateTime|LocalDate|LocalTime)\\.now\\(",
            "\\bSystem\\.(currentTimeMillis|nanoTime)\\(",
            "\\bThread\\b",
            "\\bExecutors?\\b"));

    @Test
    void layersOnlyUseLayersToTheirLeft() {
        List<String> violations = new ArrayList<>();
        for (String layer : LAYERS) {
            for (Path file : sources(layer)) {
                backwardReferences(layer, code(file)).forEach(used -> violations.add(layer + "/" + file.getFileName() + " uses " + used));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void thePureCoreUsesNoSocketFileThreadOrClock() {
        List<String> violations = new ArrayList<>();
        for (String layer : PURE) {
            for (Path file : sources(layer)) {
                impurities(code(file)).forEach(found -> violations.add(layer + "/" + file.getFileName() + ": " + found));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyLayerHasSources() {
        // A renamed or moved package would otherwise pass every check by having nothing to check.
        for (String layer : LAYERS) {
            assertThat(sources(layer)).as(layer).isNotEmpty();
        }
    }

    @Test
    void theCheckersSeeAViolationWhenThereIsOne() {
        String backwards = "package dev.mailroom.protocol;\nimport dev.mailroom.storage.MessageStore;\n";
        String qualified = "class A { dev.mailroom.transport.SmtpInput input; }";
        String clock = "class B { long t = System.currentTimeMillis(); }";

        assertThat(backwardReferences("protocol", backwards)).containsExactly("storage");
        assertThat(backwardReferences("policy", qualified)).containsExactly("transport");
        assertThat(backwardReferences("transport", backwards)).isEmpty();
        assertThat(impurities(clock)).containsExactly("System.currentTimeMillis(");
        assertThat(impurities("import java.util.concurrent.atomic.AtomicLong;")).isNotEmpty();
        assertThat(impurities("// a comment may say Thread or java.net.Socket")).isEmpty();
    }

    /** The layers right of {@code layer} that {@code code} refers to. */
    static List<String> backwardReferences(String layer, String code) {
        int position = LAYERS.indexOf(layer);
        List<String> found = new ArrayList<>();
        Matcher matcher = MAILROOM_PACKAGE.matcher(code);
        while (matcher.find()) {
            int used = LAYERS.indexOf(matcher.group(1));
            if (used > position && !found.contains(matcher.group(1))) {
                found.add(matcher.group(1));
            }
        }
        return found;
    }

    static List<String> impurities(String code) {
        List<String> found = new ArrayList<>();
        Matcher matcher = IMPURE.matcher(withoutComments(code));
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static List<Path> sources(String layer) {
        try (Stream<Path> files = Files.walk(MAIN.resolve(layer))) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text without comments, so prose that names a class is not taken for a use of it. */
    private static String code(Path file) {
        try {
            return withoutComments(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops // and block comments, leaving string and char literals alone. */
    static String withoutComments(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                code.append(' ');
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
                code.append(source, i, end);
                i = end;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }
}
