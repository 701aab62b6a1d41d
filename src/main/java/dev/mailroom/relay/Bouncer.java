package dev.mailroom.relay;

import dev.mailroom.delivery.BounceReport;
import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.protocol.MailParameters;
import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.Transaction;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import dev.mailroom.queue.SplitStore;
import dev.mailroom.storage.MessageStore;
import dev.mailroom.storage.MessageWriter;
import dev.mailroom.storage.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
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
 * parameters and reports itself); one with NOTIFY=SUCCESS in a local domain gets one with {@code Action: delivered}
 * (RFC 3461 §5.2.3), made durable before the message's 250 ({@link SplitStore}). RET=FULL returns the whole message
 * with a failure report, up to {@code maxReturnedMessage} octets; ENVID and ORCPT are quoted in every report.
 */
public final class Bouncer implements QueueRunner.Finisher, SplitStore.SuccessReporter {
    private static final Logger LOG = LoggerFactory.getLogger(Bouncer.class);

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
        BounceReport.Context context = context(entry);
        BounceReport.Report report = BounceReport.delayed(context, deferred, entry.queuedAt().plus(lifetime).atZone(ZoneOffset.UTC));
        send(context, report, headers(entry), "delay-warning", deferred.size());
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
            BounceReport.Context context = context(entry);
            send(context, BounceReport.relayed(context, relayed), headers(entry), "success-report", relayed.size());
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
        BounceReport.Context context = context(entry);
        BounceReport.Report report = BounceReport.failed(context, failed, returned);
        send(context, report, returned == BounceReport.Returned.MESSAGE ? message(entry) : headers(entry), "bounce", failed.size());
    }

    /** RET=FULL returns the message whole unless it is larger than the limit; else, and by default, its headers. */
    private BounceReport.Returned returned(QueueEntry entry) throws IOException {
        if (!entry.dsn().returnsFullMessage()) {
            return BounceReport.Returned.HEADERS;
        }
        return Files.size(queue.messageFile(entry.id())) <= maxReturnedMessage
                ? BounceReport.Returned.MESSAGE : BounceReport.Returned.HEADERS_OF_LARGE_MESSAGE;
    }

    /**
     * Sends the success report owed to the sender of a message just put in the mailboxes of {@code recipients}, who
     * asked for one with NOTIFY=SUCCESS; returns once the report is durable.
     */
    @Override
    public void delivered(StoredMessage message, List<Mailbox> recipients, String headers) throws IOException {
        Transaction transaction = message.transaction();
        List<RecipientState> delivered = recipients.stream()
                .map(recipient -> RecipientState.deliveredHere(recipient.toString(), transaction.dsnOf(recipient))).toList();
        BounceReport.Context context = context(transaction.sender().orElseThrow().toString(), message.id(), queue.clock().instant(),
                transaction.parameters().dsn().envelopeId());
        byte[] content = headers.getBytes(StandardCharsets.UTF_8);
        send(context, BounceReport.delivered(context, delivered), out -> out.write(content), "success-report", delivered.size());
    }

    private BounceReport.Context context(QueueEntry entry) {
        return context(entry.sender().orElseThrow(), entry.id(), entry.queuedAt(), entry.dsn().envelopeId());
    }

    private BounceReport.Context context(String sender, String messageId, Instant arrival, Optional<String> envelopeId) {
        return new BounceReport.Context(hostname, sender, messageId, arrival.atZone(ZoneOffset.UTC),
                envelopeId, ZonedDateTime.now(queue.clock()), "=_mailroom_" + UUID.randomUUID(),
                UUID.randomUUID() + "@" + hostname);
    }

    /**
     * Delivers a report from {@code <>} to the context's sender: into their Maildir if local, else through the queue;
     * returns once it is durable.
     */
    private void send(BounceReport.Context context, BounceReport.Report report, Content content, String event, int count)
            throws IOException {
        String sender = context.sender();
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
            LOG.info("event={} id={} to=<{}> recipients={} via=local report={}", event, context.queueId(), sender, count, writer.id());
        } else {
            QueueEntry queued;
            try (MailQueue.QueueWriter writer = queue.begin(Optional.empty(), List.of(sender))) {
                write(writer.body(), report, content);
                queued = writer.commit();
            }
            onQueued.run();
            LOG.info("event={} id={} to=<{}> recipients={} via=queue report={}", event, context.queueId(), sender, count, queued.id());
        }
    }

    private static void write(OutputStream body, BounceReport.Report report, Content content) throws IOException {
        body.write(report.head());
        content.writeTo(body);
        body.write(report.tail());
    }

    private Content headers(QueueEntry entry) throws IOException {
        try (InputStream in = Files.newInputStream(queue.messageFile(entry.id()))) {
            byte[] headers = BounceReport.headerSection(in.readNBytes(BounceReport.HEADER_LIMIT), BounceReport.HEADER_LIMIT).getBytes(StandardCharsets.UTF_8);
            return out -> out.write(headers);
        }
    }

    /** The whole message, streamed from its queue file. */
    private Content message(QueueEntry entry) {
        return out -> Files.copy(queue.messageFile(entry.id()), out);
    }
}
