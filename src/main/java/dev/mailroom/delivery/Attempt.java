package dev.mailroom.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One delivery attempt of one message to one domain, host after host: the recipients still open, and how each
 * one that is settled came out. Socket-free: the client reports what happened, this decides.
 *
 * <p>How it ends: a recipient with a 2xx after DATA is delivered, one with a 4xx deferred, one with a 5xx
 * bounced. Recipients no host settled (every host unreachable, refused at the greeting, or closed with 421) are
 * deferred if any host failed transiently, and bounced only when every host tried refused permanently (521).
 */
public final class Attempt {
    private final List<String> recipients;
    private final Map<String, RecipientResult> settled = new LinkedHashMap<>();
    private Optional<String> transientFailure = Optional.empty();
    private Optional<String> transientHost = Optional.empty();
    private Optional<String> permanentFailure = Optional.empty();
    private Optional<String> permanentHost = Optional.empty();

    public Attempt(List<String> recipients) {
        this.recipients = List.copyOf(recipients);
    }

    /** The recipients no host has settled yet, in order. */
    public List<String> open() {
        return recipients.stream().filter(recipient -> !settled.containsKey(recipient)).toList();
    }

    /** Settles a recipient with a final verdict from {@code host}: deliver, defer or bounce. */
    public void settle(String recipient, Verdict verdict, String diagnostic, String host) {
        RecipientStatus outcome = switch (verdict) {
            case CONTINUE -> RecipientStatus.DELIVERED;
            case DEFER -> RecipientStatus.DEFERRED;
            case BOUNCE -> RecipientStatus.BOUNCED;
            case NEXT_HOST, HOST_REFUSES -> throw new IllegalArgumentException(verdict + " is a host failure, not a verdict on " + recipient);
        };
        settled.put(recipient, new RecipientResult(outcome, diagnostic, Optional.of(host)));
    }

    /**
     * Settles recipients that {@code host} accepted for good (2xx after the data); {@code dsnPassedOn} when the
     * host offers DSN and was given their DSN parameters, so it reports on them from now on.
     */
    public void delivered(List<String> which, String diagnostic, String host, boolean dsnPassedOn) {
        which.forEach(recipient -> settled.put(recipient,
                new RecipientResult(RecipientStatus.DELIVERED, diagnostic, Optional.of(host), dsnPassedOn)));
    }

    /** Settles every open recipient the same way (a 4xx or 5xx to MAIL, DATA or the end of data). */
    public void settleAll(List<String> which, Verdict verdict, String diagnostic, String host) {
        which.forEach(recipient -> settle(recipient, verdict, diagnostic, host));
    }

    /** A host failed for every recipient still open: unreachable, 421, or a 4xx greeting. */
    public void hostFailedTransiently(String host, String diagnostic) {
        transientFailure = Optional.of(diagnostic);
        transientHost = Optional.of(host);
    }

    /** A host refuses all mail (521 or another 5xx greeting). */
    public void hostRefused(String host, String diagnostic) {
        permanentFailure = Optional.of(diagnostic);
        permanentHost = Optional.of(host);
    }

    /** Ends the attempt without any host: the whole domain fails with this diagnostic (null MX, DNS failure). */
    public Map<String, RecipientResult> finishWithoutHosts(RecipientStatus outcome, String diagnostic) {
        for (String recipient : open()) {
            settled.put(recipient, new RecipientResult(outcome, diagnostic, Optional.empty()));
        }
        return finish();
    }

    /** The result of every recipient, in the order given. */
    public Map<String, RecipientResult> finish() {
        Map<String, RecipientResult> results = new LinkedHashMap<>();
        for (String recipient : recipients) {
            if (settled.containsKey(recipient)) {
                results.put(recipient, settled.get(recipient));
            } else if (transientFailure.isPresent() || permanentFailure.isEmpty()) {
                results.put(recipient, new RecipientResult(RecipientStatus.DEFERRED,
                        transientFailure.orElse(Diagnostics.NO_CONNECTION), transientHost));
            } else {
                results.put(recipient, new RecipientResult(RecipientStatus.BOUNCED, permanentFailure.get(), permanentHost));
            }
        }
        return results;
    }
}
