package dev.mailroom.cli.explain;

import dev.mailroom.reply.catalog.ClientAction;
import dev.mailroom.reply.catalog.ReplyClassifier;
import java.util.List;

/**
 * A pasted reply and, for each code in it, what a relay does on receiving it: the same decision the delivery
 * agent takes, so the explanation and Mailroom's behaviour cannot disagree.
 */
record ReplyReport(List<String> lines, List<Verdict> verdicts) {

    /** @param classMismatch whether the enhanced code's class digit differs from the basic code's first digit */
    record Verdict(ReplyText.Part part, ClientAction relayAction, boolean classMismatch) {
    }

    static ReplyReport of(ReplyText reply, ReplyClassifier classifier) {
        return new ReplyReport(reply.lines(), reply.parts().stream()
                .map(part -> new Verdict(part, classifier.classify(part.code(), part.enhanced()),
                        part.enhanced().filter(status -> status.statusClass() != part.code() / 100).isPresent()))
                .toList());
    }
}
