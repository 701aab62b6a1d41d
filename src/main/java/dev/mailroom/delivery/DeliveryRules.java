package dev.mailroom.delivery;

import dev.mailroom.reply.Reply;
import dev.mailroom.reply.catalog.ClientAction;
import dev.mailroom.reply.catalog.ReplyClassifier;

/**
 * How the delivery agent reads each reply it receives, by where in the session it came (DESIGN.md, the
 * delivery-side table). The reply's meaning comes from the catalogue ({@link ReplyClassifier}); this class adds
 * only what the place in the session changes:
 * <ul>
 *   <li>421 at any point: the server is closing the channel (RFC 5321 §3.8), so the message goes to the next MX,
 *       and is deferred if none is left.</li>
 *   <li>A 5xx greeting (521 by RFC 7504, or 554 by RFC 5321 §3.1) says this host takes no mail at all: permanent
 *       for the host, not for the recipient, so the other MX hosts still get their chance.</li>
 *   <li>Otherwise 4xx defers and 5xx bounces the recipient (at RCPT) or every recipient of the transaction (at
 *       MAIL, DATA or the end of data).</li>
 * </ul>
 */
public final class DeliveryRules {
    private final ReplyClassifier classifier;

    public DeliveryRules(ReplyClassifier classifier) {
        this.classifier = classifier;
    }

    /** The verdict on the greeting or on the reply to EHLO/HELO: anything but success ends the session. */
    public Verdict atGreeting(Reply reply) {
        return switch (action(reply)) {
            case CONTINUE -> Verdict.CONTINUE;
            case RETRY_LATER -> Verdict.NEXT_HOST;
            case TRY_ANOTHER_HOST, BOUNCE, FIX_AND_RESEND -> Verdict.HOST_REFUSES;
        };
    }

    /** The verdict on a reply to MAIL, RCPT, DATA or the end of data, for what that command covers. */
    public Verdict atCommand(Reply reply) {
        if (reply.code() == 421) {
            return Verdict.NEXT_HOST;
        }
        return switch (action(reply)) {
            case CONTINUE -> Verdict.CONTINUE;
            case RETRY_LATER -> Verdict.DEFER;
            // 521 after the greeting is unusual; the host refused this mail for good, so bounce what it covers.
            case TRY_ANOTHER_HOST, BOUNCE, FIX_AND_RESEND -> Verdict.BOUNCE;
        };
    }

    private ClientAction action(Reply reply) {
        return classifier.classify(reply.code(), reply.enhanced());
    }
}
