package dev.mailroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.cli.docs.ReferenceSite;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsCommandTest {
    @TempDir
    Path out;

    @Test
    void writesEveryLanguageTheCatalogueHasByDefault() {
        CliRun run = CliRun.run("docs", "--out", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(new ReferenceSite(ReplyCatalog.standard()).languages()).contains("en")
                .allSatisfy(tag -> assertThat(out.resolve(tag).resolve("421.html")).isRegularFile());
        assertThat(out.resolve("index.html")).isRegularFile();
        assertThat(out.resolve("mailroom.css")).isRegularFile();
    }

    @Test
    void writesTheLanguagesAskedForAndSaysWhatItWrote() throws Exception {
        CliRun run = CliRun.run("docs", "--out", out.resolve("site").toString(), "--lang", "en");

        long pages;
        try (var files = Files.walk(out)) {
            pages = files.filter(file -> file.toString().endsWith(".html")).count();
        }
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Wrote " + pages + " pages to " + out.resolve("site") + " (languages: en)");
    }

    @Test
    void aLanguageWithoutACatalogueFileIsAUsageError() {
        CliRun run = CliRun.run("docs", "--out", out.toString(), "--lang", "en,xx");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--lang': 'xx'");
        assertThat(out).isEmptyDirectory();
    }
}
