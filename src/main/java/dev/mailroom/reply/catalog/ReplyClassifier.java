package dev.mailroom.reply.catalog;

import dev.mailroom.reply.EnhancedStatus;
import java.util.Optional;

/**
 * Decides what a relay does with a reply it received from the next hop. The delivery agent calls this for every
 * reply; the answer comes from the catalogue, so the server and the relay read codes the same way.
 */
public final class ReplyClassifier {
    private static final int TOO_MANY_RECIPIENTS_DETAIL = 3;

    private final ReplyCatalog catalog;

    public ReplyClassifier(ReplyCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The action for a received reply: {@link ClientAction#CONTINUE}, {@link ClientAction#RETRY_LATER},
     * {@link ClientAction#TRY_ANOTHER_HOST} (521) or {@link ClientAction#BOUNCE}; never
     * {@link ClientAction#FIX_AND_RESEND}, since a relay cannot edit a message it carries for someone else: such a
     * failure bounces, and the bounce tells the author what to fix. The basic code decides the class; when the
     * enhanced code's class disagrees, the basic code wins, as RFC 5321 clients act on the basic code alone.
     */
    public ClientAction classify(int code, Optional<EnhancedStatus> enhanced) {
        ReplyClass replyClass = ReplyClass.ofCode(code);
        // RFC 5321 §4.5.3.1.10: RFC 821 wrongly gave "too many recipients" code 552; clients treat it as 452.
        if (code == 552 && enhanced.filter(status -> status.subject() == 5
                && status.detail() == TOO_MANY_RECIPIENTS_DETAIL).isPresent()) {
            return ClientAction.RETRY_LATER;
        }
        // RFC 5321 §4.2.1: an unknown code is understood by its first digit.
        ClientAction action = catalog.facts(CodeKeys.of(code)).map(CodeFacts::action).orElse(switch (replyClass) {
            case POSITIVE_COMPLETION, POSITIVE_INTERMEDIATE -> ClientAction.CONTINUE;
            case TRANSIENT_NEGATIVE -> ClientAction.RETRY_LATER;
            case PERMANENT_NEGATIVE -> ClientAction.BOUNCE;
        });
        if (action == ClientAction.FIX_AND_RESEND) {
            return replyClass == ReplyClass.TRANSIENT_NEGATIVE ? ClientAction.RETRY_LATER : ClientAction.BOUNCE;
        }
        return action;
    }
}
