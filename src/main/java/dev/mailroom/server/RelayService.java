package dev.mailroom.server;

import dev.mailroom.delivery.DeliveryRules;
import dev.mailroom.delivery.RetrySchedule;
import dev.mailroom.protocol.Mailbox;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.OutgoingImport;
import dev.mailroom.queue.SplitStore;
import dev.mailroom.relay.Bouncer;
import dev.mailroom.relay.DeliveryAgent;
import dev.mailroom.relay.MxResolver;
import dev.mailroom.relay.QueueRunner;
import dev.mailroom.relay.RelayObserver;
import dev.mailroom.relay.RelaySettings;
import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.ReplyClassifier;
import dev.mailroom.storage.MessageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay side of a server: the queue in {@code <data>/queue/}, its runner, and the store that splits each
 * accepted message between Maildir and the queue. Mail for other domains comes from authenticated users and
 * relay-network clients alike (the policy admits no one else); it all goes through the queue.
 */
final class RelayService {
    private static final Logger LOG = LoggerFactory.getLogger(RelayService.class);

    private final MailQueue queue;
    private final QueueRunner runner;
    private final Bouncer bouncer;

    /**
     * Opens the queue (recovering what a crash left), imports what an older version left in {@code <data>/outgoing/},
     * and starts delivering.
     *
     * @param local         where bounces for local senders go
     * @param isLocalDomain true for the domains delivered here
     * @param observer      told what the queue holds and how each attempt ends (metrics)
     */
    RelayService(ServerConfig config, RelayConfig relay, MessageStore local, Predicate<String> isLocalDomain,
                 RelayObserver observer) throws IOException {
        Path directory = config.dataDirectory().resolve("queue");
        queue = MailQueue.open(directory, Clock.systemUTC(), true);
        OutgoingImport.run(config.dataDirectory().resolve("outgoing"), queue);
        RelaySettings settings = settings(config, relay);
        MxResolver resolver = MxResolver.create(relay.dns(), Duration.ofSeconds(10), config.hostname());
        DeliveryAgent agent = new DeliveryAgent(queue, resolver, settings,
                new DeliveryRules(new ReplyClassifier(ReplyCatalog.standard())), observer);
        // A bounce for a remote sender is queued: the runner is woken for it, as for any new message.
        bouncer = new Bouncer(queue, local, isLocalDomain, config.hostname(), this::wake,
                relay.delayWarning(), relay.queueLifetime(), config.maxMessageSize());
        runner = new QueueRunner(queue, agent, bouncer, settings, observer).start();
        LOG.info("event=relay queue={} relay-networks={} next-hop={}", directory.toAbsolutePath(),
                relay.relayNetworks().isEmpty() ? "none" : String.join(",", relay.relayNetworks()),
                relay.smartHost().map(host -> "smart-host " + host.getHostString() + ":" + host.getPort())
                        .orElse("mx port " + relay.deliveryPort()));
    }

    private static RelaySettings settings(ServerConfig config, RelayConfig relay) {
        Optional<RelaySettings.Credentials> credentials = Optional.empty();
        if (relay.smartHostUser().isPresent()) {
            Path file = relay.smartHostPasswordFile().orElseThrow(() -> new IllegalArgumentException(
                    "smart-host-user needs smart-host-password-file"));
            try {
                String password = Files.readAllLines(file).stream().findFirst().orElse("");
                credentials = Optional.of(new RelaySettings.Credentials(relay.smartHostUser().get(), password));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the smart host password from " + file, e);
            }
        }
        return new RelaySettings(config.hostname(), relay.deliveryPort(), relay.dns(), relay.smartHost(),
                new RetrySchedule(relay.retrySchedule(), relay.queueLifetime()), relay.maxHosts(), relay.connectTimeout(),
                relay.commandTimeout(), relay.scanInterval(), relay.maxConcurrent(), relay.requireTls(), relay.maxPerDomain(),
                credentials, RelaySettings.DEFAULT_MESSAGES_PER_CONNECTION);
    }

    /** Scans the queue now: a message was just queued. */
    private void wake() {
        runner.wake();
    }

    /**
     * Local recipients to {@code local}, the others to the queue; 250 only once both parts, and the success report
     * local recipients asked for, are durable.
     */
    MessageStore store(MessageStore local, Predicate<Mailbox> isLocal) {
        return new SplitStore(local, queue, isLocal, this::wake, bouncer);
    }

    /** Waits up to {@code grace} for deliveries in flight; the rest are retried at the next start. */
    void stop(Duration grace) {
        runner.stop(grace);
    }
}
