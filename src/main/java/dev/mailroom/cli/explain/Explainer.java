package dev.mailroom.cli.explain;

import dev.mailroom.reply.catalog.LanguagePack;
import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.ReplyClassifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code mailroom explain} and {@code mailroom compare} do, apart from parsing the command line: look the
 * codes up, lay out the answer in the chosen format and language, and describe every unknown or malformed code
 * with the nearest catalogued ones.
 */
public final class Explainer {
    private static final Pattern BASIC = Pattern.compile("[0-9]{3}");
    private static final Pattern ENHANCED = Pattern.compile("[0-9]\\.[0-9]{1,3}\\.[0-9]{1,3}");
    private static final int SUGGESTIONS = 3;

    /** The output formats. */
    public enum Format { TEXT, JSON, MARKDOWN }

    /**
     * What to print: {@code output} on stdout, each of {@code errors} on stderr.
     */
    public record Result(String output, List<String> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        /** 0 when every code was explained; 2 when some code was unknown or malformed. */
        public int exitCode() {
            return errors.isEmpty() ? 0 : 2;
        }
    }

    private final ReplyCatalog catalog;
    private final Locale locale;
    private final LanguagePack language;
    private final Format format;
    private final Terminal terminal;

    public Explainer(ReplyCatalog catalog, Locale locale, Format format, Terminal terminal) {
        this.catalog = catalog;
        this.locale = locale;
        this.language = catalog.language(locale);
        this.format = format;
        this.terminal = terminal;
    }

    /**
     * Explains codes ({@code 421}, {@code 5.7.1}) or, if the arguments are not all codes, the reply they form
     * together ({@code 550 5.1.1 User unknown}, several lines allowed).
     */
    public Result explain(List<String> inputs) {
        List<String> errors = new ArrayList<>();
        Map<String, CodeView> views = new LinkedHashMap<>();
        if (inputs.stream().allMatch(Explainer::isCode)) {
            inputs.forEach(input -> lookUp(input.strip(), errors).ifPresent(view -> views.putIfAbsent(view.code(), view)));
            return explained(Optional.empty(), views, errors);
        }
        String text = String.join(" ", inputs).strip();
        Optional<ReplyText> reply = ReplyText.parse(text);
        if (reply.isEmpty()) {
            errors.add(malformed(text.split("\\s+")[0], text));
        }
        reply.ifPresent(parsed -> parsed.parts().forEach(part -> {
            lookUp(Integer.toString(part.code()), errors).ifPresent(view -> views.putIfAbsent(view.code(), view));
            part.enhanced().flatMap(status -> lookUp(status.toString(), errors))
                    .ifPresent(view -> views.putIfAbsent(view.code(), view));
        }));
        return explained(reply.map(parsed -> ReplyReport.of(parsed, new ReplyClassifier(catalog))), views, errors);
    }

    private Result explained(Optional<ReplyReport> reply, Map<String, CodeView> views, List<String> errors) {
        List<CodeView> codes = List.copyOf(views.values());
        if (codes.isEmpty()) {
            return new Result("", errors);
        }
        return new Result(switch (format) {
            case JSON -> JsonWriter.write(JsonDocuments.explain(language.tag(), reply, codes));
            case MARKDOWN -> MarkdownRenderer.render(Documents.explain(reply, codes, language));
            case TEXT -> new TextRenderer(terminal, locale).render(Documents.explain(reply, codes, language));
        }, errors);
    }

    /** Compares two codes side by side; written text for the pairs people confuse, derived text otherwise. */
    public Result compare(String first, String second) {
        List<String> errors = new ArrayList<>();
        Optional<CodeView> left = lookUpCode(first.strip(), errors);
        Optional<CodeView> right = lookUpCode(second.strip(), errors);
        if (left.isEmpty() || right.isEmpty()) {
            return new Result("", errors);
        }
        if (left.get().code().equals(right.get().code())) {
            return new Result("", List.of(language.label("errors.same_code")));
        }
        ComparisonView comparison = ComparisonView.of(left.get(), right.get(),
                catalog.comparison(left.get().key(), right.get().key(), locale), language);
        return new Result(switch (format) {
            case JSON -> JsonWriter.write(JsonDocuments.compare(language.tag(), comparison));
            case MARKDOWN -> MarkdownRenderer.render(Documents.compare(comparison, language));
            case TEXT -> new TextRenderer(terminal, locale).render(Documents.compare(comparison, language));
        }, errors);
    }

    private Optional<CodeView> lookUpCode(String input, List<String> errors) {
        if (!isCode(input)) {
            errors.add(malformed(input, input));
            return Optional.empty();
        }
        return lookUp(input, errors);
    }

    /** The view of a code-shaped input, or an error naming it and the nearest catalogued codes. */
    private Optional<CodeView> lookUp(String code, List<String> errors) {
        Optional<CodeView> view = CodeView.lookUp(catalog, code, locale, language);
        if (view.isEmpty()) {
            errors.add(withSuggestions(language.label("errors.unknown_code", "code", code), code));
        }
        return view;
    }

    private String malformed(String token, String input) {
        return withSuggestions(language.label("errors.malformed", "input", input), token);
    }

    private String withSuggestions(String message, String typed) {
        List<String> nearest = NearestCodes.nearest(typed, catalog.keys(), SUGGESTIONS);
        return nearest.isEmpty() ? message : message + " " + language.label("errors.nearest", "codes", String.join(", ", nearest));
    }

    private static boolean isCode(String input) {
        String code = input.strip();
        return BASIC.matcher(code).matches() || ENHANCED.matcher(code).matches();
    }
}
