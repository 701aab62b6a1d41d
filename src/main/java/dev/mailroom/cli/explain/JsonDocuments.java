package dev.mailroom.cli.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shape of explanations and comparisons: data with stable keys, for scripts and other tools. */
final class JsonDocuments {
    private JsonDocuments() {
    }

    static Map<String, Object> explain(String language, Optional<ReplyReport> reply, List<CodeView> codes) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("language", language);
        reply.ifPresent(report -> document.put("reply", JsonWriter.object("lines", report.lines(),
                "verdicts", report.verdicts().stream().map(JsonDocuments::verdict).toList())));
        document.put("codes", codes.stream().map(JsonDocuments::code).toList());
        return document;
    }

    static Map<String, Object> compare(String language, ComparisonView comparison) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("language", language);
        document.put("codes", List.of(code(comparison.left()), code(comparison.right())));
        document.put("written", comparison.written());
        document.put("summary", comparison.summary());
        document.put("differences", comparison.differences());
        document.put("choice", comparison.choice());
        return document;
    }

    private static Map<String, Object> verdict(ReplyReport.Verdict verdict) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", verdict.part().code());
        json.put("enhanced", verdict.part().enhanced().map(Object::toString).orElse(null));
        json.put("relay_action", verdict.relayAction().key());
        json.put("class_mismatch", verdict.classMismatch());
        return json;
    }

    private static Map<String, Object> code(CodeView code) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code.code());
        json.put("kind", code.enhanced() ? "enhanced" : "basic");
        json.put("name", code.name());
        json.put("class", JsonWriter.object("key", code.replyClass().key(), "name", code.className(), "meaning", code.classMeaning()));
        json.put(code.enhanced() ? "subject" : "category", JsonWriter.object("digit", code.category(), "meaning", code.categoryMeaning()));
        json.put("description", code.description());
        json.put("when", code.when());
        json.put("fix", JsonWriter.object("sender", code.senderFix(), "admin", code.adminFix()));
        json.put("client", JsonWriter.object("action", code.action().key(), "name", code.actionName(), "advice", code.clientAdvice()));
        json.put("defined_in", code.references());
        if (code.enhanced()) {
            json.put("used_with", code.usedWith());
        }
        json.put("related", code.related().stream()
                .map(related -> JsonWriter.object("code", related.code(), "name", related.name(), "note", related.note())).toList());
        return json;
    }
}
