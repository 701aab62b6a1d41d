package dev.mailroom.policy;

import dev.mailroom.protocol.Admission;
import dev.mailroom.protocol.SessionPolicy;
import dev.mailroom.protocol.Tarpit;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * The per-client abuse controls every connection of a server shares: rate limits keyed by {@link ClientKey}
 * (connections, messages, recipients, failed commands), allow and deny lists, DNS blocklists, greylisting,
 * the tarpit and the greeting delay. One instance per configuration; its rate tables are fixed in size
 * ({@link ProtectConfig#rateClients()} clients each). A client on the allow list skips all of it.
 */
public final class ClientProtection {
    private final ProtectConfig config;
    private final Optional<RateTable> connections;
    private final Optional<RateTable> messages;
    private final Optional<RateTable> recipients;
    private final Optional<RateTable> failures;
    private final Optional<Greylist> greylist;
    private final List<Blocklist> blocklists;
    private final ResourceGuard guard;
    private final String hostname;

    /** Without greylisting or blocklists. */
    public ClientProtection(ProtectConfig config, LongSupplier nanos) {
        this(config, nanos, Optional.empty(), List.of());
    }

    /**
     * @param greylist   used when {@link ProtectConfig#greylist()} is on; it outlives reloads, so it is given
     * @param blocklists asked at the first MAIL of a connection, in order
     */
    public ClientProtection(ProtectConfig config, LongSupplier nanos, Optional<Greylist> greylist, List<Blocklist> blocklists) {
        this(config, nanos, greylist, blocklists, ResourceGuard.NONE, "localhost");
    }

    /**
     * @param guard    while it reports a shortage, connections get 421 4.3.2 and MAIL 452 4.3.1
     * @param hostname the server's name, for the 421 that closes a session over its rates
     */
    public ClientProtection(ProtectConfig config, LongSupplier nanos, Optional<Greylist> greylist, List<Blocklist> blocklists,
                            ResourceGuard guard, String hostname) {
        this.config = config;
        this.hostname = hostname;
        this.guard = guard;
        this.greylist = greylist.filter(g -> config.greylist());
        this.blocklists = List.copyOf(blocklists);
        this.connections = table(config.connectionRate() == 0 ? null : Rate.perMinute(config.connectionRate()), nanos);
        this.messages = table(config.messageRate() == 0 ? null : Rate.perMinute(config.messageRate()), nanos);
        this.recipients = table(config.recipientRate() == 0 ? null : Rate.perMinute(config.recipientRate()), nanos);
        this.failures = table(config.failureBudget() == 0 ? null : Rate.perHour(config.failureBudget()), nanos);
    }

    /** With the system's monotonic clock, and a DNS blocklist for each of {@link ProtectConfig#dnsbl()}. */
    public static ClientProtection create(ProtectConfig config, Optional<Greylist> greylist, ResourceGuard guard,
                                          String hostname) {
        List<Blocklist> blocklists = config.dnsbl().stream()
                .<Blocklist>map(zone -> new DnsBlocklist(zone, resolver(config.dnsblResolver()), config.dnsblTimeout()))
                .toList();
        return new ClientProtection(config, System::nanoTime, greylist, blocklists, guard, hostname);
    }

    private static Resolver resolver(Optional<InetSocketAddress> server) {
        // Otherwise the system's resolvers (/etc/resolv.conf).
        return server.<Resolver>map(SimpleResolver::new).orElseGet(ExtendedResolver::new);
    }

    private Optional<RateTable> table(Rate rate, LongSupplier nanos) {
        return Optional.ofNullable(rate).map(r -> new RateTable(r, config.rateClients(), nanos));
    }

    public ProtectConfig config() {
        return config;
    }

    /** The key the limits count {@code address} under. */
    public ClientKey keyOf(InetAddress address) {
        return ClientKey.of(address, config.ipv6Prefix());
    }

    /** True if a connection from {@code peer} must start with a PROXY protocol header (a configured proxy). */
    public boolean expectsProxyHeader(InetAddress peer) {
        return config.proxyProtocol() && config.proxyNetworks().stream().anyMatch(network -> network.contains(peer));
    }

    /** Decides a new connection from {@code address} before its greeting; an allowed client is always admitted. */
    public Admission admit(InetAddress address) {
        if (guard.shortage().isPresent()) {
            return Admission.OVERLOADED;   // allowed clients too: there is no room for anyone
        }
        return config.lists().allowsClient(address) ? Admission.ACCEPTED : admit(keyOf(address));
    }

    /**
     * Decides a new connection before its greeting. A client that spent its failure budget is refused before
     * its connection is counted, so a refused client's retries do not dig it deeper.
     */
    public Admission admit(ClientKey client) {
        if (failures.isPresent() && failures.get().exhausted(client)) {
            return Admission.TOO_MANY_ERRORS_FROM_CLIENT;
        }
        if (connections.isPresent() && !connections.get().tryTake(client)) {
            return Admission.CONNECTION_RATE;
        }
        return Admission.ACCEPTED;
    }

    /** Charges a 5xx reply to the client's failure budget. */
    public void failed(ClientKey client) {
        failures.ifPresent(table -> table.tryTake(client));
    }

    /** The site's policy for one connection from {@code address}, with this client's checks around it. */
    public SessionPolicy policyFor(InetAddress address, SessionPolicy site) {
        SessionPolicy policy = clientPolicy(address, site);
        return guard == ResourceGuard.NONE ? policy : new GuardedPolicy(guard, policy);
    }

    private SessionPolicy clientPolicy(InetAddress address, SessionPolicy site) {
        boolean nothingToCheck = messages.isEmpty() && recipients.isEmpty() && greylist.isEmpty() && blocklists.isEmpty()
                && config.lists().denyNetworks().isEmpty() && config.lists().denySenderDomains().isEmpty();
        if (nothingToCheck || config.lists().allowsClient(address)) {
            return site;
        }
        return new ClientPolicy(this, address, site);
    }

    public Tarpit tarpit() {
        return config.tarpitAfter() == 0 ? Tarpit.OFF : new Tarpit(config.tarpitAfter(), config.tarpitDelay());
    }

    public Optional<Duration> greetDelay() {
        return config.greetDelayIfAny();
    }

    /** Octets held by the rate tables that are on. */
    public long footprintBytes() {
        return connections.map(RateTable::footprintBytes).orElse(0L) + messages.map(RateTable::footprintBytes).orElse(0L)
                + recipients.map(RateTable::footprintBytes).orElse(0L) + failures.map(RateTable::footprintBytes).orElse(0L);
    }

    String hostname() {
        return hostname;
    }

    Optional<RateTable> messages() {
        return messages;
    }

    Optional<RateTable> recipients() {
        return recipients;
    }

    Optional<Greylist> greylist() {
        return greylist;
    }

    List<Blocklist> blocklists() {
        return blocklists;
    }
}
