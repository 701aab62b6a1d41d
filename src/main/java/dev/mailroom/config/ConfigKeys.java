package dev.mailroom.config;

import dev.mailroom.server.ServerConfig;
import dev.mailroom.server.TlsSource;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting of {@code mailroom serve}, in the order of the configuration file. A key's name is also its
 * flag; the tables only group. Later features get tables of their own ({@code [relay]}, {@code [queue]},
 * {@code [policy]}) and their flags the same names.
 */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    private static final ValueType.Count INT = new ValueType.Count(1, Integer.MAX_VALUE);
    private static final ValueType.Count OFF_OR_COUNT = new ValueType.Count(0, Integer.MAX_VALUE);

    /** An empty list, as the printed configuration shows it: absent. */
    private static <T> List<T> orNone(List<T> values) {
        return values.isEmpty() ? null : values;
    }

    /** A count whose 0 means off, as the printed configuration shows it: absent. */
    private static Long orOff(int count) {
        return count == 0 ? null : (long) count;
    }

    public static final List<ConfigKey<?>> ALL = List.of(
            ConfigKey.of("server", "listen", new ValueType.ListOf<>(new ValueType.Address()),
                    "Address to accept SMTP on (repeatable).",
                    (s, addresses) -> addresses.forEach(a -> s.server().listen(a.host(), a.port())),
                    c -> c.server().listen().stream().map(HostPort::of).toList()),
            ConfigKey.of("server", "smtps", new ValueType.ListOf<>(new ValueType.Address()),
                    "Submission over implicit TLS (RFC 8314; port 465 by convention): AUTH required, needs auth.users"
                            + " (repeatable).",
                    (s, addresses) -> addresses.forEach(a -> s.server().smtps(a.host(), a.port())),
                    c -> addresses(c.security().smtps())),
            ConfigKey.of("server", "submission", new ValueType.ListOf<>(new ValueType.Address()),
                    "Submission (RFC 6409; port 587 by convention): STARTTLS and AUTH required, needs auth.users"
                            + " (repeatable).",
                    (s, addresses) -> addresses.forEach(a -> s.server().submission(a.host(), a.port())),
                    c -> addresses(c.security().submission())),
            ConfigKey.of("server", "hostname", new ValueType.Name(),
                    "Name for the greeting and Received headers.",
                    (s, name) -> s.server().hostname(name), c -> c.server().hostname()),
            ConfigKey.of("server", "domains", new ValueType.ListOf<>(new ValueType.Name()),
                    "Local domain to accept mail for (repeatable).",
                    (s, domains) -> domains.forEach(s.server()::domain), c -> c.server().domains())
                    .withAlias("--domain"),
            ConfigKey.of("server", "no-inbound", new ValueType.Flag(),
                    "Accept no mail: 521 greeting and 521 to every command but QUIT (RFC 7504).",
                    (s, off) -> s.server().acceptsMail(!off), c -> !c.server().acceptsMail()),
            ConfigKey.of("server", "shutdown-grace", new ValueType.DurationValue(),
                    "How long a shutdown waits for messages in progress.",
                    (s, grace) -> s.server().shutdownGrace(grace), c -> c.server().shutdownGrace()),
            ConfigKey.of("server", "admin", new ValueType.Address(),
                    "Serve metrics (/metrics) and health checks (/health/live, /health/ready) here.",
                    (s, address) -> s.server().admin(address.host(), address.port()),
                    c -> c.server().admin().map(HostPort::of).orElse(null)),

            ConfigKey.of("storage", "data", new ValueType.FilePath(),
                    "Data directory; mail goes to <data>/mail/<domain>/<user>/ Maildirs.",
                    (s, path) -> s.server().dataDirectory(path), c -> c.server().dataDirectory()),

            ConfigKey.of("relay", "relay-networks", new ValueType.ListOf<>(new ValueType.Network()),
                    "Client network (CIDR) whose mail for other domains is queued and relayed (repeatable).",
                    (s, networks) -> s.server().relay(s.server().relayConfig().withRelayNetworks(networks)),
                    c -> c.relay().relayNetworks().isEmpty() ? null : c.relay().relayNetworks())
                    .withAlias("--relay-network"),
            ConfigKey.of("relay", "dns", new ValueType.Address(),
                    "DNS server for MX lookups (default: the system's).",
                    (s, address) -> s.server().relay(s.server().relayConfig().withDns(Optional.of(address.socketAddress()))),
                    c -> c.relay().dns().map(HostPort::of).orElse(null)),
            ConfigKey.of("relay", "delivery-port", new ValueType.Count(1, 65535),
                    "Port of the remote SMTP servers mail is relayed to.",
                    (s, port) -> s.server().relay(s.server().relayConfig().withDeliveryPort(Math.toIntExact(port))),
                    c -> (long) c.relay().deliveryPort()),
            ConfigKey.of("relay", "retry-schedule", new ValueType.DurationList(),
                    "Waits between delivery attempts; the last one repeats.",
                    (s, intervals) -> s.server().relay(s.server().relayConfig().withRetrySchedule(intervals)),
                    c -> c.relay().retrySchedule()),
            ConfigKey.of("relay", "queue-lifetime", new ValueType.DurationValue(),
                    "How long a deferred message is retried before it bounces.",
                    (s, lifetime) -> s.server().relay(s.server().relayConfig().withQueueLifetime(lifetime)),
                    c -> c.relay().queueLifetime()),
            ConfigKey.of("relay", "delay-warning", new ValueType.DurationValue(),
                    "Tell the sender once when a message is still queued after this long (default: never).",
                    (s, after) -> s.server().relay(s.server().relayConfig().withDelayWarning(Optional.of(after))),
                    c -> c.relay().delayWarning().orElse(null)),
            ConfigKey.of("relay", "smart-host", new ValueType.Address(),
                    "Relay everything through this host instead of looking up MX records.",
                    (s, address) -> s.server().relay(s.server().relayConfig().withSmartHost(Optional.of(address.socketAddress()))),
                    c -> c.relay().smartHost().map(HostPort::of).orElse(null)),
            ConfigKey.of("relay", "smart-host-user", new ValueType.Name(),
                    "User name for AUTH PLAIN at the smart host (sent only over TLS, or to a loopback address).",
                    (s, user) -> s.server().relay(s.server().relayConfig().withSmartHostAuth(Optional.of(user), s.server().relayConfig().smartHostPasswordFile())),
                    c -> c.relay().smartHostUser().orElse(null)),
            ConfigKey.of("relay", "smart-host-password-file", new ValueType.FilePath(),
                    "File whose first line is the smart host password.",
                    (s, file) -> s.server().relay(s.server().relayConfig().withSmartHostAuth(s.server().relayConfig().smartHostUser(), Optional.of(file))),
                    c -> c.relay().smartHostPasswordFile().orElse(null)),
            ConfigKey.of("relay", "require-tls", new ValueType.Flag(),
                    "Deliver only over STARTTLS; without it, TLS is used when the remote host offers it.",
                    (s, required) -> s.server().relay(s.server().relayConfig().withRequireTls(required)),
                    c -> c.relay().requireTls()),
            ConfigKey.of("relay", "max-deliveries", INT,
                    "Messages delivered at once, in total.",
                    (s, count) -> s.server().relay(s.server().relayConfig().withConcurrency(Math.toIntExact(count), s.server().relayConfig().maxPerDomain())),
                    c -> (long) c.relay().maxConcurrent()),
            ConfigKey.of("relay", "max-deliveries-per-domain", INT,
                    "Messages delivered at once to one domain (or to the smart host).",
                    (s, count) -> s.server().relay(s.server().relayConfig().withConcurrency(s.server().relayConfig().maxConcurrent(), Math.toIntExact(count))),
                    c -> (long) c.relay().maxPerDomain()),

            ConfigKey.of("limits", "max-message-size", new ValueType.Count(1, Long.MAX_VALUE),
                    "Largest message accepted, in octets.",
                    (s, size) -> s.server().maxMessageSize(size), c -> c.server().maxMessageSize()),
            ConfigKey.of("limits", "max-recipients", new ValueType.Count(ServerConfig.MIN_RECIPIENTS, Integer.MAX_VALUE),
                    "Recipients per message (RFC 5321 asks for at least 100).",
                    (s, count) -> s.server().maxRecipients(Math.toIntExact(count)), c -> (long) c.server().maxRecipients()),
            ConfigKey.of("limits", "max-connections", INT,
                    "Concurrent connections in total.",
                    (s, count) -> s.server().maxConnections(Math.toIntExact(count)), c -> (long) c.server().maxConnections()),
            ConfigKey.of("limits", "max-connections-per-ip", INT,
                    "Concurrent connections from one client address.",
                    (s, count) -> s.server().maxConnectionsPerIp(Math.toIntExact(count)),
                    c -> (long) c.server().maxConnectionsPerIp()),
            ConfigKey.of("limits", "max-errors", INT,
                    "Errors in one session before 421 and close.",
                    (s, count) -> s.server().maxErrors(Math.toIntExact(count)), c -> (long) c.server().maxErrors()),
            ConfigKey.of("limits", "idle-timeout", new ValueType.DurationValue(),
                    "Longest wait for a command.",
                    (s, timeout) -> s.server().idleTimeout(timeout), c -> c.server().idleTimeout()),
            ConfigKey.of("limits", "data-timeout", new ValueType.DurationValue(),
                    "Longest wait for the next block of a message body.",
                    (s, timeout) -> s.server().dataTimeout(timeout), c -> c.server().dataTimeout()),

            ConfigKey.of("tls", "tls-cert", new ValueType.FilePath("FILE"),
                    "PEM certificate, followed by its intermediates (certbot's fullchain.pem); needs tls-key."
                            + " Without a certificate, a self-signed one is made under <data>/tls/.",
                    Settings::tlsCertificate,
                    c -> c.security().tls().orElse(null) instanceof TlsSource.Pem pem ? pem.certificate() : null),
            ConfigKey.of("tls", "tls-key", new ValueType.FilePath("FILE"),
                    "PEM private key of tls-cert, unencrypted (PKCS#8, PKCS#1 RSA or SEC1 EC).",
                    Settings::tlsKey,
                    c -> c.security().tls().orElse(null) instanceof TlsSource.Pem pem ? pem.key() : null),
            ConfigKey.of("tls", "tls-keystore", new ValueType.FilePath("FILE"),
                    "PKCS#12 keystore holding the key and its chain, instead of tls-cert and tls-key.",
                    Settings::tlsKeystore,
                    c -> c.security().tls().orElse(null) instanceof TlsSource.Pkcs12 p12 ? p12.keystore() : null),
            ConfigKey.of("tls", "tls-keystore-password", new ValueType.Secret(),
                    "Password of tls-keystore; if unset, the environment variable "
                            + Settings.KEYSTORE_PASSWORD_VARIABLE + " (safer than a flag, which every user can see).",
                    Settings::tlsKeystorePassword, c -> null),
            ConfigKey.of("tls", "no-tls", new ValueType.Flag(),
                    "Offer no TLS at all: no STARTTLS, no self-signed certificate.",
                    Settings::noTls, c -> c.security().tls().isEmpty()),

            ConfigKey.of("auth", "users", new ValueType.FilePath("FILE"),
                    "Users file (see `mailroom user`): AUTH PLAIN and LOGIN are offered over TLS. Re-read when it changes.",
                    (s, path) -> s.server().users(path), c -> c.security().users().orElse(null)),
            ConfigKey.of("auth", "any-sender", new ValueType.Flag(),
                    "Let authenticated users send with any MAIL FROM (otherwise only their own address).",
                    (s, any) -> s.server().anySender(any), c -> c.security().anySender()),

            ConfigKey.of("protect", "allow-networks", new ValueType.ListOf<>(new ValueType.NetworkBlock()),
                    "Network whose clients skip every protect check: rates, lists, blocklists, greylisting (repeatable).",
                    (s, networks) -> s.server().protect().allowNetworks(networks),
                    c -> orNone(c.server().protect().lists().allowNetworks())),
            ConfigKey.of("protect", "deny-networks", new ValueType.ListOf<>(new ValueType.NetworkBlock()),
                    "Network whose clients get 554 5.7.1 at MAIL (repeatable).",
                    (s, networks) -> s.server().protect().denyNetworks(networks),
                    c -> orNone(c.server().protect().lists().denyNetworks())),
            ConfigKey.of("protect", "allow-sender-domains", new ValueType.ListOf<>(new ValueType.Name()),
                    "Sender domain (and subdomains) that skips the blocklists and greylisting (repeatable).",
                    (s, domains) -> s.server().protect().allowSenderDomains(domains),
                    c -> orNone(c.server().protect().lists().allowSenderDomains())),
            ConfigKey.of("protect", "deny-sender-domains", new ValueType.ListOf<>(new ValueType.Name()),
                    "Sender domain (and subdomains) refused with 554 5.7.1 at MAIL (repeatable).",
                    (s, domains) -> s.server().protect().denySenderDomains(domains),
                    c -> orNone(c.server().protect().lists().denySenderDomains())),
            ConfigKey.of("protect", "dnsbl", new ValueType.ListOf<>(new ValueType.Name()),
                    "DNS blocklist zone; a listed client gets 554 5.7.1 with the list's reason at MAIL (repeatable).",
                    (s, zones) -> s.server().protect().dnsbl(zones), c -> orNone(c.server().protect().dnsbl())),
            ConfigKey.of("protect", "dnsbl-resolver", new ValueType.Address(),
                    "DNS server for the blocklists (default: the system's resolvers).",
                    (s, address) -> s.server().protect().dnsblResolver(new InetSocketAddress(address.host(), address.port())),
                    c -> c.server().protect().dnsblResolver().map(HostPort::of).orElse(null)),
            ConfigKey.of("protect", "dnsbl-timeout", new ValueType.DurationValue(),
                    "How long to wait for a blocklist; no answer counts as not listed.",
                    (s, timeout) -> s.server().protect().dnsblTimeout(timeout), c -> c.server().protect().dnsblTimeout()),
            ConfigKey.of("protect", "proxy-protocol", new ValueType.Flag(),
                    "Connections from proxy-networks start with a PROXY v1/v2 header naming the real client.",
                    (s, on) -> s.server().protect().proxyProtocol(on), c -> c.server().protect().proxyProtocol()),
            ConfigKey.of("protect", "proxy-networks", new ValueType.ListOf<>(new ValueType.NetworkBlock()),
                    "Network of load balancers trusted to send PROXY headers (repeatable).",
                    (s, networks) -> s.server().protect().proxyNetworks(networks),
                    c -> orNone(c.server().protect().proxyNetworks())),
            ConfigKey.of("protect", "overload-memory", new ValueType.Count(0, 100),
                    "Heap in use after GC (percent of the maximum) above which connections get 421 4.3.2 and MAIL 452 4.3.1 (0: off).",
                    (s, percent) -> s.server().protect().overloadMemory(Math.toIntExact(percent)),
                    c -> orOff(c.server().protect().overloadMemory())),
            ConfigKey.of("protect", "overload-files", new ValueType.Count(0, 100),
                    "Open file descriptors (percent of the limit) above which connections get 421 4.3.2 and MAIL 452 4.3.1 (0: off).",
                    (s, percent) -> s.server().protect().overloadFiles(Math.toIntExact(percent)),
                    c -> orOff(c.server().protect().overloadFiles())),
            ConfigKey.of("protect", "ipv6-prefix", new ValueType.Count(1, 128),
                    "IPv6 clients are counted per network of this many bits (IPv4 clients per address).",
                    (s, bits) -> s.server().protect().ipv6Prefix(Math.toIntExact(bits)),
                    c -> (long) c.server().protect().ipv6Prefix()),
            ConfigKey.of("protect", "rate-clients", INT,
                    "Clients each rate table remembers at once; fixes its memory.",
                    (s, count) -> s.server().protect().rateClients(Math.toIntExact(count)),
                    c -> (long) c.server().protect().rateClients()),
            ConfigKey.of("protect", "connection-rate", OFF_OR_COUNT,
                    "Connections per minute from one client; more get 421 4.7.0 at the greeting (0: off).",
                    (s, count) -> s.server().protect().connectionRate(Math.toIntExact(count)),
                    c -> orOff(c.server().protect().connectionRate())),
            ConfigKey.of("protect", "message-rate", OFF_OR_COUNT,
                    "Messages (MAIL) per minute from one client; more get 451 4.7.1 (0: off).",
                    (s, count) -> s.server().protect().messageRate(Math.toIntExact(count)),
                    c -> orOff(c.server().protect().messageRate())),
            ConfigKey.of("protect", "recipient-rate", OFF_OR_COUNT,
                    "Recipients (RCPT) per minute from one client; more get 451 4.7.1 (0: off).",
                    (s, count) -> s.server().protect().recipientRate(Math.toIntExact(count)),
                    c -> orOff(c.server().protect().recipientRate())),
            ConfigKey.of("protect", "rate-refusals", OFF_OR_COUNT,
                    "451s for message or recipient rate in one session before the next gets 421 4.7.0 and close (0: never).",
                    (s, count) -> s.server().protect().rateRefusals(Math.toIntExact(count)),
                    c -> orOff(c.server().protect().rateRefusals())),
            ConfigKey.of("protect", "failure-budget", OFF_OR_COUNT,
                    "5xx replies per hour one client may earn; then its connections get 421 4.7.0 (0: off).",
                    (s, count) -> s.server().protect().failureBudget(Math.toIntExact(count)),
                    c -> orOff(c.server().protect().failureBudget())),
            ConfigKey.of("protect", "tarpit-after", OFF_OR_COUNT,
                    "Errors in a session after which every reply is delayed by tarpit-delay (0: off).",
                    (s, count) -> s.server().protect().tarpitAfter(Math.toIntExact(count)),
                    c -> orOff(c.server().protect().tarpitAfter())),
            ConfigKey.of("protect", "tarpit-delay", new ValueType.DurationValue(),
                    "Delay before each reply once the tarpit is on.",
                    (s, delay) -> s.server().protect().tarpitDelay(delay), c -> c.server().protect().tarpitDelay()),
            ConfigKey.of("protect", "greet-delay", new ValueType.DurationValue(),
                    "Wait this long before the greeting; a client that talks first gets 521 5.5.1 (off by default).",
                    (s, delay) -> s.server().protect().greetDelay(delay),
                    c -> c.server().protect().greetDelayIfAny().orElse(null)),
            ConfigKey.of("protect", "greylist", new ValueType.Flag(),
                    "Greylist unknown (client network, sender, recipient) triplets: 451 4.7.1 at RCPT (RFC 6647).",
                    (s, on) -> s.server().protect().greylist(on), c -> c.server().protect().greylist()),
            ConfigKey.of("protect", "greylist-delay", new ValueType.DurationValue(),
                    "How long a greylisted sender must wait before its retry passes.",
                    (s, delay) -> s.server().protect().greylistDelay(delay),
                    c -> c.server().protect().greylisting().delay()),
            ConfigKey.of("protect", "greylist-expiry", new ValueType.DurationValue(),
                    "How long a greylisted triplet waits for its retry before it starts over.",
                    (s, expiry) -> s.server().protect().greylistExpiry(expiry),
                    c -> c.server().protect().greylisting().expiry()),
            ConfigKey.of("protect", "greylist-pass-lifetime", new ValueType.DurationValue(),
                    "How long a passed triplet is remembered after its last use.",
                    (s, lifetime) -> s.server().protect().greylistPassLifetime(lifetime),
                    c -> c.server().protect().greylisting().passLifetime()),
            ConfigKey.of("protect", "greylist-max-entries", INT,
                    "Triplets the greylist remembers at most (memory bound).",
                    (s, count) -> s.server().protect().greylistMaxEntries(Math.toIntExact(count)),
                    c -> (long) c.server().protect().greylisting().maxEntries()),

            ConfigKey.of("log", "log-format", new ValueType.Choice<>(LogFormat.class),
                    "Log lines as key=value text or as JSON objects.",
                    Settings::logFormat, EffectiveConfig::logFormat),
            ConfigKey.of("log", "log-hash-addresses", new ValueType.Flag(),
                    "Log mail addresses as short hashes instead of in clear.",
                    (s, hash) -> s.server().hashAddresses(hash), c -> c.server().hashAddresses()));

    /** A list of addresses as a key's value: {@code null} (the setting is off) when there are none. */
    private static List<HostPort> addresses(List<InetSocketAddress> addresses) {
        return addresses.isEmpty() ? null : addresses.stream().map(HostPort::of).toList();
    }

    private static final Map<String, ConfigKey<?>> BY_PATH =
            ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::path, Function.identity()));

    /** The key {@code name} in {@code [table]}. */
    public static Optional<ConfigKey<?>> find(String table, String name) {
        return Optional.ofNullable(BY_PATH.get(table + "." + name));
    }

    /** The key called {@code name} in whichever table has it, to suggest when it was put in the wrong one. */
    static Optional<ConfigKey<?>> named(String name) {
        return ALL.stream().filter(key -> key.name().equals(name)).findFirst();
    }

    static List<String> tables() {
        return ALL.stream().map(key -> "[" + key.table() + "]").distinct().toList();
    }

    static List<String> keysOf(String table) {
        return ALL.stream().filter(key -> key.table().equals(table)).map(ConfigKey::name).toList();
    }

    static boolean isTable(String table) {
        return ALL.stream().anyMatch(key -> key.table().equals(table));
    }
}
