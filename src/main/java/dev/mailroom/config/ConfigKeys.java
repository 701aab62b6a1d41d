package dev.mailroom.config;

import dev.mailroom.server.ServerConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting of {@code mailroom serve}, in the order of the configuration file. A key's name is also its
 * flag; the tables only group. Later features get tables of their own ({@code [tls]}, {@code [auth]},
 * {@code [relay]}, {@code [queue]}, {@code [policy]}) and their flags the same names.
 */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    private static final ValueType.Count INT = new ValueType.Count(1, Integer.MAX_VALUE);

    public static final List<ConfigKey<?>> ALL = List.of(
            ConfigKey.of("server", "listen", new ValueType.ListOf<>(new ValueType.Address()),
                    "Address to accept SMTP on (repeatable).",
                    (s, addresses) -> addresses.forEach(a -> s.server().listen(a.host(), a.port())),
                    c -> c.server().listen().stream().map(HostPort::of).toList()),
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

            ConfigKey.of("log", "log-format", new ValueType.Choice<>(LogFormat.class),
                    "Log lines as key=value text or as JSON objects.",
                    Settings::logFormat, EffectiveConfig::logFormat),
            ConfigKey.of("log", "log-hash-addresses", new ValueType.Flag(),
                    "Log mail addresses as short hashes instead of in clear.",
                    (s, hash) -> s.server().hashAddresses(hash), c -> c.server().hashAddresses()));

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
