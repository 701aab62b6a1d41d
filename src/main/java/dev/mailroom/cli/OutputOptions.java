package dev.mailroom.cli;

import dev.mailroom.cli.explain.Explainer;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options {@code explain}, {@code compare} and {@code check} share: the language and the format of the output. */
final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private String language;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json or markdown. Default: ${DEFAULT-VALUE}.")
    Explainer.Format format;

    @Option(names = "--lang", paramLabel = "LANG",
            description = "Language: en, fr, zh, pt (Brazilian), es, de or ja. Default: from the system locale, else en.")
    void language(String value) {
        // A full tag such as pt-BR, zh-CN or de-AT names the same catalogue as its language subtag.
        String tag = Locale.forLanguageTag(value.replace('_', '-')).getLanguage();
        if (!ReplyCatalog.LANGUAGES.contains(tag)) {
            throw new ParameterException(mixee.commandLine(), "Invalid value for option '--lang': '" + value
                    + "' (expected one of " + String.join(", ", ReplyCatalog.LANGUAGES) + ")");
        }
        language = tag;
    }

    /** The language asked for, else the JVM's locale (the catalogue falls back to English for the others). */
    Locale locale() {
        return language == null ? Locale.getDefault() : Locale.forLanguageTag(language);
    }
}
