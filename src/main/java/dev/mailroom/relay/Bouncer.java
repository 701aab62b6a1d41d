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

    public Bouncer(MailQueue queue, MessageStore local, Predicate<String> isLocalDomain, String hostname, Runnable onQueued) {
        this(queue, local, isLocalDomain, hostname, onQueued, Optional.empty(), Duration.ZERO);
    }

    /**
     * @param delayWarning after how long in the queue a sender is told once that a message is delayed (off when empty)
     * @param lifetime     the queue lifetime, for the warning's Will-Retry-Until
     */
    public Bouncer(MailQueue queue, MessageStore local, Predicate<String> isLocalDomain, String hostname, Runnable onQueued,
                   Optional<Duration> delayWarning, Duration lifetime) {
        this.queue = queue;
        this.local = local;
        this.isLocalDomain = isLocalDomain;
        this.hostname = hostname;
        this.onQueued = onQueued;
        this.delayWarning = delayWarning;
        this.lifetime = lifetime;
    }

    /** Sends the delay warning once, when the message has waited longer than the delay-warning time. */
    @Override
    public QueueEntry stillQueued(QueueEntry entry) throws IOException {
        if (delayWarning.isEmpty() || entry.delayWarned() || entry.sender().isEmpty()
                || queue.clock().instant().isBefore(entry.queuedAt().plus(delayWarning.get()))) {
            return entry;
        }
        List<RecipientState> deferred = entry.recipients().stream()
                .filter(recipient -> recipient.status() == RecipientStatus.DEFERRED).toList();
        if (deferred.isEmpty()) {
            return entry;
        }
        String sender = entry.sender().get();
        byte[] report = BounceReport.delayed(hostname, sender, entry.id(), entry.queuedAt().atZone(ZoneOffset.UTC),
                ZonedDateTime.now(queue.clock()), deferred, entry.queuedAt().plus(lifetime).atZone(ZoneOffset.UTC),
                headers(entry), "=_mailroom_" + UUID.randomUUID(), UUID.randomUUID() + "@" + hostname);
        send(sender, report, entry.id(), "delay-warning", deferred.size());
        return entry.warned();
    }

    @Override
    public void finished(QueueEntry entry) throws IOException {
        List<RecipientState> failed = entry.recipients().stream()
                .filter(recipient -> recipient.status() == RecipientStatus.BOUNCED).toList();
        if (failed.isEmpty()) {
            return;
        }
        if (entry.sender().isEmpty()) {
            LOG.info("event=bounce-skipped id={} reason=\"null sender\" failed={}", entry.id(), failed.size());
            return;
        }
        String sender = entry.sender().get();
        byte[] report = BounceReport.build(hostname, sender, entry.id(), entry.queuedAt().atZone(ZoneOffset.UTC),
                ZonedDateTime.now(queue.clock()), failed, headers(entry), "=_mailroom_" + UUID.randomUUID(),
                UUID.randomUUID() + "@" + hostname);
        send(sender, report, entry.id(), "bounce", failed.size());
    }

    /** Delivers a report from {@code <>} to {@code sender}: into their Maildir if local, else through the queue. */
    private void send(String sender, byte[] report, String id, String event, int count) throws IOException {
        String domain = DeliveryAgent.domainOf(sender);
        if (isLocalDomain.test(domain)) {
            int at = sender.lastIndexOf('@');
            Mailbox mailbox = new Mailbox(sender.substring(0, at), sender.substring(at + 1));
            MessageWriter writer = local.begin(new Transaction(hostname, true, false, Optional.empty(), Optional.empty(), List.of(mailbox), MailParameters.NONE, Map.of()));
            try {
                writer.body().write(report);
                writer.commit();
            } catch (IOException | RuntimeException e) {
                writer.abort();
                throw e;
            }
            LOG.info("event={} id={} to=<{}> recipients={} via=local report={}", event, id, sender, count, writer.id());
        } else {
            QueueEntry queued;
            try (MailQueue.QueueWriter writer = queue.begin(Optional.empty(), List.of(sender))) {
                writer.body().write(report);
                queued = writer.commit();
            }
            onQueued.run();
            LOG.info("event={} id={} to=<{}> recipients={} via=queue report={}", event, id, sender, count, queued.id());
        }
    }

    private String headers(QueueEntry entry) throws IOException {
        try (InputStream in = Files.newInputStream(queue.messageFile(entry.id()))) {
            return BounceReport.headerSection(in.readNBytes(HEADER_LIMIT), HEADER_LIMIT);
        }
    }
}
