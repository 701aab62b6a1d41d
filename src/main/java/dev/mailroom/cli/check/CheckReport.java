package dev.mailroom.cli.check;

import dev.mailroom.cli.explain.CliLabels;
import dev.mailroom.cli.explain.Explainer;
import dev.mailroom.cli.explain.JsonWriter;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A check's transcript and verdict for people (text, or Markdown for a ticket) or for scripts (JSON). Client
 * lines start {@code C:}, server lines {@code S:}, events {@code *}; under each reply, its codes explained from
 * the catalogue in the chosen language.
 */
public final class CheckReport {
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    private final ReplyCatalog catalog;
    private final Locale locale;
    private final CliLabels labels;

    public CheckReport(ReplyCatalog catalog, Locale locale) {
        this.catalog = catalog;
        this.locale = locale;
        // The labels follow the catalogue's language, English included when a translation is missing.
        this.labels = CliLabels.of(catalog.language(locale).tag());
    }

    public String render(SmtpProbe.Result result, Explainer.Format format) {
        return switch (format) {
            case TEXT -> text(result);
            case MARKDOWN -> fenced(text(result));
            case JSON -> JsonWriter.write(json(result));
        };
    }

    private String text(SmtpProbe.Result result) {
        StringBuilder out = new StringBuilder();
        for (Event event : result.transcript()) {
            switch (event) {
                case Event.Connected connected -> out.append("* ").append(labels.get("check.connected", "address", connected.address()));
                case Event.Sent sent -> out.append("C: ").append(sent.command());
                case Event.Received reply -> {
                    reply.lines().forEach(line -> out.append("S: ").append(line).append('\n'));
                    out.append("   \u21b3 ").append(ReplyGloss.of(reply, catalog, locale).text());
                }
                case Event.TlsStarted tls -> out.append("* ").append(tlsText(tls));
                case Event.Trouble trouble -> out.append("* ").append(problemText(trouble.problem()));
            }
            out.append('\n');
        }
        return out.append('\n').append(verdictText(result.verdict())).append('\n').toString();
    }

    /** A Markdown code block, its fence longer than any run of backticks a server put in its replies. */
    private static String fenced(String text) {
        int longest = 2;
        Matcher runs = BACKTICKS.matcher(text);
        while (runs.find()) {
            longest = Math.max(longest, runs.group().length());
        }
        String fence = "`".repeat(longest + 1);
        return fence + "\n" + text + fence + "\n";
    }

    private Map<String, Object> json(SmtpProbe.Result result) {
        List<Object> transcript = new ArrayList<>();
        for (Event event : result.transcript()) {
            transcript.add(switch (event) {
                case Event.Connected connected -> JsonWriter.object("event", "connected", "address", connected.address());
                case Event.Sent sent -> JsonWriter.object("event", "sent", "line", sent.command());
                case Event.Received reply -> reply(reply);
                case Event.TlsStarted tls -> JsonWriter.object("event", "tls", "protocol", tls.protocol(), "cipher_suite", tls.cipherSuite(),
                        "text", tlsText(tls));
                case Event.Trouble trouble -> JsonWriter.object("event", "problem", "kind", trouble.problem().kind().key(),
                        "text", problemText(trouble.problem()));
            });
        }
        Verdict verdict = result.verdict();
        Map<String, Object> verdictJson = JsonWriter.object("outcome", verdict.outcome().key(), "exit_code", verdict.outcome().exitCode(),
                "text", verdictText(verdict));
        switch (verdict) {
            case Verdict.Accepted accepted -> { }
            case Verdict.Refused refused -> {
                verdictJson.put("code", refused.reply().code());
                verdictJson.put("enhanced", refused.reply().enhanced().map(Object::toString).orElse(null));
                verdictJson.put("command", refused.command().orElse(null));
            }
            case Verdict.Failed failed -> verdictJson.put("problem", failed.problem().kind().key());
        }
        return JsonWriter.object("language", labels.tag(), "target", JsonWriter.object("host", result.target().host(), "port", result.target().port()),
                "transcript", transcript, "verdict", verdictJson);
    }

    private Map<String, Object> reply(Event.Received reply) {
        ReplyGloss gloss = ReplyGloss.of(reply, catalog, locale);
        return JsonWriter.object("event", "reply", "lines", reply.lines(), "code", reply.code(),
                "enhanced", reply.enhanced().map(Object::toString).orElse(null),
                "name", gloss.name(), "enhanced_name", gloss.enhancedName().orElse(null),
                "action", gloss.action().key(), "action_name", gloss.actionName(), "text", gloss.text());
    }

    private String verdictText(Verdict verdict) {
        String detail = switch (verdict) {
            case Verdict.Accepted accepted -> labels.get("check.all_positive");
            case Verdict.Refused refused -> refused.command()
                    .map(command -> labels.get("check.in_answer", "reply", refused.reply().lines().getFirst(), "command", command))
                    .orElseGet(() -> labels.get("check.at_greeting", "reply", refused.reply().lines().getFirst()));
            case Verdict.Failed failed -> problemText(failed.problem());
        };
        return labels.get("check.verdict", "outcome", labels.get("check.outcomes." + verdict.outcome().key()), "detail", detail);
    }

    private String tlsText(Event.TlsStarted tls) {
        return labels.get("check.tls_started", "protocol", tls.protocol(), "cipher", tls.cipherSuite());
    }

    private String problemText(Problem problem) {
        return labels.get("check.problems." + problem.kind().key(), "detail", problem.detail());
    }
}
