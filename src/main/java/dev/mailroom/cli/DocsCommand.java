package dev.mailroom.cli;

import dev.mailroom.cli.docs.ReferenceSite;
import dev.mailroom.cli.explain.CliLabels;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mailroom docs}: writes the reply-code reference as a static site that needs no server and no network. */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Write a static HTML reference of every reply code: a page per code and language, comparisons,",
            "and an index with an offline search. Open DIR/index.html in a browser, or serve DIR as it is."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the site was written", "1:a file could not be written", "2:a usage error"})
final class DocsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write into (created if missing).")
    private Path out;

    @Option(names = "--lang", paramLabel = "LANG", split = ",",
            description = "Languages (repeatable, or comma-separated). Default: every language the catalogue has.")
    private List<String> languages = List.of();

    @Override
    public Integer call() {
        ReferenceSite site = new ReferenceSite(ReplyCatalog.standard());
        List<String> chosen = languages.isEmpty() ? site.languages() : languages.stream().distinct().toList();
        chosen.stream().filter(tag -> !site.languages().contains(tag)).findFirst().ifPresent(tag -> {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--lang': '" + tag
                    + "' (the catalogue has " + String.join(", ", site.languages()) + ")");
        });
        int pages;
        try {
            pages = site.write(out, chosen);
        } catch (IOException e) {
            spec.commandLine().getErr().println("mailroom: cannot write the site to " + out + ": " + e.getMessage());
            return 1;
        }
        String tag = ReplyCatalog.standard().language(Locale.getDefault()).tag();
        spec.commandLine().getOut().println(CliLabels.of(tag).get("docs.written", "pages", Integer.toString(pages),
                "languages", String.join(", ", chosen), "directory", out.toString()));
        return 0;
    }
}
