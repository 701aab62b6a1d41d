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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of one queued message: its due recipients grouped by domain, each domain routed (MX,
 * implicit MX, null MX, or the smart host) and tried host after host, up to the host limit. The entry is written
 * back after each domain, so a crash loses at most the domain in flight, and a recipient recorded as delivered is
 * never sent again. At most {@link RelaySettings#maxPerDomain()} deliveries run at once to one domain.
 */
public final class DeliveryAgent {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAgent.class);

    private final MailQueue queue;
    private final MxResolver resolver;
    private final RelaySettings settings;
    private final OutboundSession session;
    /** One semaphore per destination domain (the smart host is one destination), so no domain gets flooded. */
    private final Map<String, Semaphore> destinations = new ConcurrentHashMap<>();

    public DeliveryAgent(MailQueue queue, MxResolver resolver, RelaySettings settings, DeliveryRules rules) {
        this.queue = queue;
        this.resolver = resolver;
        this.settings = settings;
        this.session = new OutboundSession(settings, rules);
    }

    /** Tries every due recipient of {@code entry}; returns the entry as written back to the queue. */
    public QueueEntry attempt(QueueEntry entry) throws IOException {
        Instant now = queue.clock().instant();
        Map<String, List<String>> byDomain = new LinkedHashMap<>();
        for (RecipientState recipient : entry.due(now)) {
            byDomain.computeIfAbsent(domainOf(recipient.address()), d -> new ArrayList<>()).add(recipient.address());
        }
        QueueEntry current = entry;
        for (Map.Entry<String, List<String>> domain : byDomain.entrySet()) {
            String destination = settings.smartHost().isPresent() ? "" : domain.getKey();
            Semaphore slots = destinations.computeIfAbsent(destination, d -> new Semaphore(settings.maxPerDomain()));
            Map<String, RecipientResult> results;
            slots.acquireUninterruptibly();
            try {
                results = deliver(current, domain.getKey(), domain.getValue());
            } finally {
                slots.release();
            }
            Instant finished = queue.clock().instant();
            for (Map.Entry<String, RecipientResult> result : results.entrySet()) {
                QueueEntry before = current;
                current = current.withRecipient(result.getKey(),
                        state -> state.after(result.getValue(), before.queuedAt(), finished, settings.schedule()));
                RecipientState state = current.recipient(result.getKey()).orElseThrow();
                LOG.info("event=delivery id={} to=<{}> status={} host={} reply=\"{}\"{}", entry.id(), result.getKey(),
                        state.status().key(), result.getValue().host().orElse("-"), result.getValue().diagnostic(),
                        state.status() == RecipientStatus.DEFERRED ? " next=" + state.nextAttempt().orElseThrow() : "");
            }
            if (!queue.update(current)) {
                LOG.info("event=delivery-after-delete id={} (deleted from the queue during the attempt)", entry.id());
                return current;
            }
        }
        return current;
    }

    private Map<String, RecipientResult> deliver(QueueEntry entry, String domain, List<String> recipients) {
        Attempt attempt = new Attempt(recipients);
        Route route = settings.smartHost()
                .<Route>map(host -> new Route.Hosts(List.of(new Route.Host(host.getHostString(), List.of(host.getAddress())))))
                .orElseGet(() -> resolver.route(domain));
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
                        session.run(host.name(), new InetSocketAddress(address, port), entry,
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
