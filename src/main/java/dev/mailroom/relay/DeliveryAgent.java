package dev.mailroom.relay;

import dev.mailroom.delivery.Attempt;
import dev.mailroom.delivery.DeliveryRules;
import dev.mailroom.delivery.Diagnostics;
import dev.mailroom.delivery.RecipientResult;
import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery attempts of queued messages: their due recipients grouped by destination (a domain, or the smart host
 * for all of them); each destination routed once (MX, implicit MX, null MX, or the smart host) and tried host
 * after host, up to the host limit, one transaction per message, over one connection reused from message to
 * message ({@link ReusableConnection}). The entry is written back after each of its transactions, so a crash loses
 * at most the transaction in flight, and a recipient recorded as delivered is never sent again. At most
 * {@link RelaySettings#maxPerDomain()} deliveries run at once to one destination.
 */
public final class DeliveryAgent {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAgent.class);

    private final MailQueue queue;
    private final MxResolver resolver;
    private final RelaySettings settings;
    private final OutboundSession session;
    private final RelayObserver observer;
    /** One semaphore per destination, so no domain (and no smart host) gets flooded. */
    private final Map<String, Semaphore> destinations = new ConcurrentHashMap<>();

    public DeliveryAgent(MailQueue queue, MxResolver resolver, RelaySettings settings, DeliveryRules rules) {
        this(queue, resolver, settings, rules, RelayObserver.NONE);
    }

    /** @param observer told of every recipient's outcome */
    public DeliveryAgent(MailQueue queue, MxResolver resolver, RelaySettings settings, DeliveryRules rules,
                         RelayObserver observer) {
        this.queue = queue;
        this.resolver = resolver;
        this.settings = settings;
        this.session = new OutboundSession(settings, rules);
        this.observer = observer;
    }

    /** Tries every due recipient of {@code entry}; returns the entry as written back to the queue. */
    public QueueEntry attempt(QueueEntry entry) throws IOException {
        return attempt(List.of(entry)).getFirst();
    }

    /**
     * Tries every due recipient of {@code entries}, destination after destination: each destination takes one
     * concurrency slot and one route lookup, and its messages follow each other over the same connection while the
     * same host takes them. Returns the entries as written back to the queue, in the same order.
     */
    public List<QueueEntry> attempt(List<QueueEntry> entries) throws IOException {
        Instant now = queue.clock().instant();
        Map<String, QueueEntry> current = new LinkedHashMap<>();
        // destination -> message id -> that message's due recipients there
        Map<String, Map<String, List<String>>> byDestination = new LinkedHashMap<>();
        for (QueueEntry entry : entries) {
            current.put(entry.id(), entry);
            for (RecipientState recipient : entry.due(now)) {
                byDestination.computeIfAbsent(destinationOf(recipient.address()), d -> new LinkedHashMap<>())
                        .computeIfAbsent(entry.id(), id -> new ArrayList<>()).add(recipient.address());
            }
        }
        Set<String> deleted = new HashSet<>();
        for (Map.Entry<String, Map<String, List<String>>> destination : byDestination.entrySet()) {
            Semaphore slots = destinations.computeIfAbsent(destination.getKey(), d -> new Semaphore(settings.maxPerDomain()));
            slots.acquireUninterruptibly();
            try (ReusableConnection connection = new ReusableConnection(session, settings.messagesPerConnection())) {
                Route route = route(destination.getKey());
                for (Map.Entry<String, List<String>> message : destination.getValue().entrySet()) {
                    QueueEntry entry = current.get(message.getKey());
                    if (deleted.contains(entry.id())) {
                        continue;
                    }
                    QueueEntry after = record(entry, deliver(route, entry, message.getValue(), connection));
                    current.put(entry.id(), after);
                    if (!queue.update(after)) {
                        LOG.info("event=delivery-after-delete id={} (deleted from the queue during the attempt)", entry.id());
                        deleted.add(entry.id());
                    }
                }
            } finally {
                slots.release();
            }
        }
        return entries.stream().map(entry -> current.get(entry.id())).toList();
    }

    /** Where a recipient's mail goes: its domain, or the smart host for every domain. */
    String destinationOf(String address) {
        return settings.smartHost().map(host -> "smart-host " + host.getHostString() + ":" + host.getPort())
                .orElseGet(() -> domainOf(address));
    }

    private Route route(String destination) {
        return settings.smartHost()
                .<Route>map(host -> new Route.Hosts(List.of(new Route.Host(host.getHostString(), List.of(host.getAddress())))))
                .orElseGet(() -> resolver.route(destination));
    }

    /** {@code entry} with each recipient's result applied, each logged and observed. */
    private QueueEntry record(QueueEntry entry, Map<String, RecipientResult> results) {
        Instant finished = queue.clock().instant();
        QueueEntry current = entry;
        for (Map.Entry<String, RecipientResult> result : results.entrySet()) {
            current = current.withRecipient(result.getKey(),
                    state -> state.after(result.getValue(), entry.queuedAt(), finished, settings.schedule()));
            RecipientState state = current.recipient(result.getKey()).orElseThrow();
            LOG.info("event=delivery id={} to=<{}> status={} host={} reply=\"{}\"{}", entry.id(), result.getKey(),
                    state.status().key(), result.getValue().host().orElse("-"), result.getValue().diagnostic(),
                    state.status() == RecipientStatus.DEFERRED ? " next=" + state.nextAttempt().orElseThrow() : "");
            observer.attempted(state.status(), result.getValue().diagnostic());
        }
        return current;
    }

    private Map<String, RecipientResult> deliver(Route route, QueueEntry entry, List<String> recipients,
                                                 ReusableConnection connection) {
        Attempt attempt = new Attempt(recipients);
        int port = settings.smartHost().map(InetSocketAddress::getPort).orElse(settings.port());
        return switch (route) {
            case Route.NullMx nullMx -> attempt.finishWithoutHosts(RecipientStatus.BOUNCED, Diagnostics.NULL_MX);
            case Route.Failure failure -> attempt.finishWithoutHosts(failure.outcome(), failure.diagnostic());
            case Route.Hosts hosts -> {
                int tried = 0;
                hostLoop:
                for (Route.Host host : hosts.hosts()) {
                    for (InetAddress address : host.addresses()) {
                        if (attempt.open().isEmpty() || tried == settings.maxHosts()) {
                            break hostLoop;
                        }
                        tried++;
                        connection.deliver(host.name(), new InetSocketAddress(address, port), entry,
                                queue.messageFile(entry.id()), attempt,
                                settings.smartHost().isPresent() ? settings.smartHostAuth() : Optional.empty());
                    }
                }
                yield attempt.finish();
            }
        };
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
