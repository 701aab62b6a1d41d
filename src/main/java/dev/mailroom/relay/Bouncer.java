package dev.mailroom.relay;

import dev.mailroom.delivery.BounceReport;
import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.protocol.MailParameters;
import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.Transaction;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import dev.mailroom.storage.MessageStore;
import dev.mailroom.storage.MessageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the sender about recipients that bounced: one RFC 3464 report per finished message, from the null sender,
 * delivered to the local Maildir when the sender is local and queued for relay otherwise. A message from the null
 * sender gets no report, so a bounce is never bounced.
 *
 * <p>The sender's DSN parameters (RFC 3461) decide the rest: a recipient whose NOTIFY leaves out FAILURE (NEVER
 * included) gets no failure report, one whose NOTIFY leaves out DELAY no delay warning; one with NOTIFY=SUCCESS
 * that went to a host without DSN gets a success report ({@code Action: relayed}, §5.2.2; a host with DSN got the
 * parameters and reports itself). RET=FULL returns the whole message with a failure report, up to
 * {@code maxReturnedMessage} octets; ENVID and ORCPT are quoted in every report.
 */
public final class Bouncer implements QueueRunner.Finisher {
    private static final Logger LOG = LoggerFactory.getLogger(Bouncer.class);
    private static final int HEADER_LIMIT = 64 * 1024;

    private final MailQueue queue;
    private final MessageStore local;
    private final Predicate<String> isLocalDomain;
    private final String hostname;
    private final Runnable onQueued;
    private final Optional<Duration> delayWarning;
    private final Duration lifetime;
    private final long maxReturnedMessage;

    /** The content a report returns, written between the report's head and tail. */
    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param delayWarning       after how long in the queue a sender is told once that a message is delayed (off when empty)
     * @param lifetime           the queue lifetime, for the warning's Will-Retry-Until
     * @param maxReturnedMessage the largest message a RET=FULL failure report returns whole (the server's message
     *                           size limit); a larger one is returned by its headers
     */
    public Bouncer(MailQueue queue, MessageStore local, Predicate<String> isLocalDomain, String hostname, Runnable onQueued,
                   Optional<Duration> delayWarning, Duration lifetime, long maxReturnedMessage) {
        this.queue = queue;
        this.local = local;
        this.isLocalDomain = isLocalDomain;
        this.hostname = hostname;
        this.onQueued = onQueued;
        this.delayWarning = delayWarning;
        this.lifetime = lifetime;
        this.maxReturnedMessage = maxReturnedMessage;
    }

    /** Sends the delay warning once, when the message has waited longer than the delay-warning time. */
    @Override
    public QueueEntry stillQueued(QueueEntry entry) throws IOException {
        if (delayWarning.isEmpty() || entry.delayWarned() || entry.sender().isEmpty()
                || queue.clock().instant().isBefore(entry.queuedAt().plus(delayWarning.get()))) {
            return entry;
        }
        List<RecipientState> deferred = entry.recipients().stream()
                .filter(recipient -> recipient.status() == RecipientStatus.DEFERRED && recipient.dsn().reportsDelay()).toList();
        if (deferred.isEmpty()) {
            return entry;
        }
        BounceReport.Report report = BounceReport.delayed(context(entry), deferred,
                entry.queuedAt().plus(lifetime).atZone(ZoneOffset.UTC));
        send(entry, report, headers(entry), "delay-warning", deferred.size());
        return entry.warned();
    }

    /** Sends the failure report and the success report the finished message owes its sender, if any. */
    @Override
    public void finished(QueueEntry entry) throws IOException {
        List<RecipientState> bounced = entry.recipients().stream()
                .filter(recipient -> recipient.status() == RecipientStatus.BOUNCED).toList();
        if (entry.sender().isEmpty()) {
            if (!bounced.isEmpty()) {
                LOG.info("event=bounce-skipped id={} reason=\"null sender\" failed={}", entry.id(), bounced.size());
            }
            return;
        }
        reportFailures(entry, bounced);
        List<RecipientState> relayed = entry.recipients().stream().filter(RecipientState::owesSuccessReport).toList();
        if (!relayed.isEmpty()) {
            send(entry, BounceReport.relayed(context(entry), relayed), headers(entry), "success-report", relayed.size());
        }
    }

    private void reportFailures(QueueEntry entry, List<RecipientState> bounced) throws IOException {
        List<RecipientState> failed = bounced.stream().filter(recipient -> recipient.dsn().reportsFailure()).toList();
        if (failed.size() < bounced.size()) {
            LOG.info("event=bounce-skipped id={} reason=\"NOTIFY without FAILURE\" failed={}", entry.id(), bounced.size() - failed.size());
        }
        if (failed.isEmpty()) {
            return;
        }
        BounceReport.Returned returned = returned(entry);
        BounceReport.Report report = BounceReport.failed(context(entry), failed, returned);
        send(entry, report, returned == BounceReport.Returned.MESSAGE ? message(entry) : headers(entry), "bounce", failed.size());
    }

    /** RET=FULL returns the message whole unless it is larger than the limit; else, and by default, its headers. */
    private BounceReport.Returned returned(QueueEntry entry) throws IOException {
        if (!entry.dsn().returnsFullMessage()) {
            return BounceReport.Returned.HEADERS;
        }
        return Files.size(queue.messageFile(entry.id())) <= maxReturnedMessage
                ? BounceReport.Returned.MESSAGE : BounceReport.Returned.HEADERS_OF_LARGE_MESSAGE;
    }

    private BounceReport.Context context(QueueEntry entry) {
        return new BounceReport.Context(hostname, entry.sender().orElseThrow(), entry.id(), entry.queuedAt().atZone(ZoneOffset.UTC),
                entry.dsn().envelopeId(), ZonedDateTime.now(queue.clock()), "=_mailroom_" + UUID.randomUUID(),
                UUID.randomUUID() + "@" + hostname);
    }

    /** Delivers a report from {@code <>} to the sender: into their Maildir if local, else through the queue. */
    private void send(QueueEntry entry, BounceReport.Report report, Content content, String event, int count) throws IOException {
        String sender = entry.sender().orElseThrow();
        String domain = DeliveryAgent.domainOf(sender);
        if (isLocalDomain.test(domain)) {
            int at = sender.lastIndexOf('@');
            Mailbox mailbox = new Mailbox(sender.substring(0, at), sender.substring(at + 1));
            MessageWriter writer = local.begin(new Transaction(hostname, true, false, Optional.empty(), Optional.empty(), List.of(mailbox),
                    MailParameters.NONE, Map.of()));
            try {
                write(writer.body(), report, content);
                writer.commit();
            } catch (IOException | RuntimeException e) {
                writer.abort();
                throw e;
            }
            LOG.info("event={} id={} to=<{}> recipients={} via=local report={}", event, entry.id(), sender, count, writer.id());
        } else {
            QueueEntry queued;
            try (MailQueue.QueueWriter writer = queue.begin(Optional.empty(), List.of(sender))) {
                write(writer.body(), report, content);
                queued = writer.commit();
            }
            onQueued.run();
            LOG.info("event={} id={} to=<{}> recipients={} via=queue report={}", event, entry.id(), sender, count, queued.id());
        }
    }

    private static void write(OutputStream body, BounceReport.Report report, Content content) throws IOException {
        body.write(report.head());
        content.writeTo(body);
        body.write(report.tail());
    }

    private Content headers(QueueEntry entry) throws IOException {
        try (InputStream in = Files.newInputStream(queue.messageFile(entry.id()))) {
            byte[] headers = BounceReport.headerSection(in.readNBytes(HEADER_LIMIT), HEADER_LIMIT).getBytes(StandardCharsets.UTF_8);
            return out -> out.write(headers);
        }
    }

    /** The whole message, streamed from its queue file. */
    private Content message(QueueEntry entry) {
        return out -> Files.copy(queue.messageFile(entry.id()), out);
    }
}
