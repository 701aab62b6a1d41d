package dev.mailroom.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the server relays mail for domains that are not local (docs/relay.md). Flags and file keys are in the
 * {@code [relay]} table of {@code dev.mailroom.config.ConfigKeys}; a reload applies the relay networks, the others
 * need a restart.
 *
 * @param relayNetworks  client networks (CIDR) whose mail for other domains is queued instead of refused
 * @param dns            the DNS server for MX lookups; the system's when empty
 * @param deliveryPort   the port of remote SMTP servers (25; tests use others)
 * @param retrySchedule  waits between attempts; the last repeats
 * @param queueLifetime  how long a message is retried before it bounces
 * @param smartHost      deliver everything through this host instead of MX lookups
 * @param connectTimeout longest wait for a connection to a remote host
 * @param commandTimeout longest wait for a remote reply
 * @param maxHosts       host addresses tried per domain per attempt
 * @param maxConcurrent  messages delivered at once
 * @param scanInterval   how often the queue is scanned for due messages
 * @param requireTls     deliver only over STARTTLS (default: use it when offered)
 * @param maxPerDomain   messages delivered at once to one domain (or to the smart host)
 * @param smartHostUser  the user name for AUTH PLAIN at the smart host, if it needs one
 * @param smartHostPasswordFile the file holding that user's password (its first line), read at start
 * @param delayWarning   after how long in the queue the sender is told once that a message is delayed; off when empty
 */
public record RelayConfig(List<String> relayNetworks, Optional<InetSocketAddress> dns, int deliveryPort,
                          List<Duration> retrySchedule, Duration queueLifetime, Optional<InetSocketAddress> smartHost,
                          Duration connectTimeout, Duration commandTimeout, int maxHosts, int maxConcurrent,
                          Duration scanInterval, boolean requireTls, int maxPerDomain,
                          Optional<String> smartHostUser, Optional<java.nio.file.Path> smartHostPasswordFile,
                          Optional<Duration> delayWarning) {
    public static final RelayConfig DEFAULT = new RelayConfig(List.of(), Optional.empty(), 25,
            List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40), Duration.ofHours(1)),
            Duration.ofDays(5), Optional.empty(), Duration.ofSeconds(30), Duration.ofMinutes(5), 5, 20, Duration.ofSeconds(1), false, 5,
            Optional.empty(), Optional.empty(), Optional.empty());

    public RelayConfig {
        if (deliveryPort <= 0 || deliveryPort > 65535 || maxHosts <= 0 || maxConcurrent <= 0 || maxPerDomain <= 0) {
            throw new IllegalArgumentException("relay port, host limit and concurrency limits must be positive");
        }
        relayNetworks = List.copyOf(relayNetworks);
        retrySchedule = List.copyOf(retrySchedule);
    }

    public RelayConfig withRelayNetworks(List<String> networks) {
        return new RelayConfig(networks, dns, deliveryPort, retrySchedule, queueLifetime, smartHost, connectTimeout, commandTimeout, maxHosts, maxConcurrent, scanInterval, requireTls, maxPerDomain, smartHostUser, smartHostPasswordFile, delayWarning);
    }

    public RelayConfig withDns(Optional<InetSocketAddress> server) {
        return new RelayConfig(relayNetworks, server, deliveryPort, retrySchedule, queueLifetime, smartHost, connectTimeout, commandTimeout, maxHosts, maxConcurrent, scanInterval, requireTls, maxPerDomain, smartHostUser, smartHostPasswordFile, delayWarning);
    }

    public RelayConfig withDeliveryPort(int port) {
        return new RelayConfig(relayNetworks, dns, port, retrySchedule, queueLifetime, smartHost, connectTimeout, commandTimeout, maxHosts, maxConcurrent, scanInterval, requireTls, maxPerDomain, smartHostUser, smartHostPasswordFile, delayWarning);
    }

    public RelayConfig withRetrySchedule(List<Duration> intervals) {
        return new RelayConfig(relayNetworks, dns, deliveryPort, intervals, queueLifetime, smartHost, connectTimeout, commandTimeout, maxHosts, maxConcurrent, scanInterval, requireTls, maxPerDomain, smartHostUser, smartHostPasswordFile, delayWarning);
    }

    public RelayConfig withQueueLifetime(Duration lifetime) {
        return new RelayConfig(relayNetworks, dns, deliveryPort, retrySchedule, lifetime, smartHost, connectTimeout, commandTimeout, maxHosts, maxConcurrent, scanInterval, requireTls, maxPerDomain, smartHostUser, smartHostPasswordFile, delayWarning);
    }

    public RelayConfig withSmartHost(Optional<InetSocketAddress> host) {
        return new RelayConfig(relayNetworks, dns, deliveryPort, retrySchedule, queueLifetime, host, connectTimeout, commandTimeout, maxHosts, maxConcurrent, scanInterval, requireTls, maxPerDomain, smartHostUser, smartHostPasswordFile, delayWarning);
    }

    public RelayConfig withTimeouts(Duration connect, Duration command) {
        return new RelayConfig(relayNetworks, dns, deliveryPort, retrySchedule, queueLifetime, smartHost, connect, command, maxHosts, maxConcurrent, scanInterval, requireTls, maxPerDomain, smartHostUser, smartHostPasswordFile, delayWarning);
    }

    public RelayConfig withScanInterval(Duration interval) {
        return new RelayConfig(relayNetworks, dns, deliveryPort, retrySchedule, queueLifetime, smartHost, connectTimeout, commandTimeout, maxHosts, maxConcurrent, interval, requireTls, maxPerDomain, smartHostUser, smartHostPasswordFile, delayWarning);
    }

    public RelayConfig withRequireTls(boolean required) {
        return new RelayConfig(relayNetworks, dns, deliveryPort, retrySchedule, queueLifetime, smartHost, connectTimeout, commandTimeout, maxHosts, maxConcurrent, scanInterval, required, maxPerDomain, smartHostUser, smartHostPasswordFile, delayWarning);
    }

    public RelayConfig withConcurrency(int total, int perDomain) {
        return new RelayConfig(relayNetworks, dns, deliveryPort, retrySchedule, queueLifetime, smartHost, connectTimeout, commandTimeout, maxHosts, total, scanInterval, requireTls, perDomain, smartHostUser, smartHostPasswordFile, delayWarning);
    }

    public RelayConfig withSmartHostAuth(Optional<String> user, Optional<java.nio.file.Path> passwordFile) {
        return new RelayConfig(relayNetworks, dns, deliveryPort, retrySchedule, queueLifetime, smartHost, connectTimeout, commandTimeout, maxHosts, maxConcurrent, scanInterval, requireTls, maxPerDomain, user, passwordFile, delayWarning);
    }

    public RelayConfig withDelayWarning(Optional<Duration> after) {
        return new RelayConfig(relayNetworks, dns, deliveryPort, retrySchedule, queueLifetime, smartHost, connectTimeout, commandTimeout, maxHosts, maxConcurrent, scanInterval, requireTls, maxPerDomain, smartHostUser, smartHostPasswordFile, after);
    }
}
