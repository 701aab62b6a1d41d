package dev.mailroom.relay;

import dev.mailroom.delivery.RetrySchedule;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * How the relay delivers.
 *
 * @param heloName        the name this host gives in EHLO
 * @param port            the port of remote hosts ({@code --delivery-port}; 25 but in tests)
 * @param dns             the DNS server to ask ({@code --dns HOST:PORT}); the system's when empty
 * @param smartHost       send everything through this host instead of looking up MX records ({@code --smart-host})
 * @param schedule        retry intervals and queue lifetime
 * @param maxHosts        host addresses tried per domain per attempt (Postfix's smtp_mx_address_limit is 5)
 * @param connectTimeout  longest wait for a TCP connection
 * @param commandTimeout  longest wait for any reply (RFC 5321 §4.5.3.2 suggests minutes; tests use seconds)
 * @param scanInterval    how often the queue runner looks for due messages
 * @param maxConcurrent   messages delivered at once
 * @param requireTls      refuse to deliver over a connection without STARTTLS (default: opportunistic TLS)
 * @param maxPerDomain    messages delivered at once to one domain (or to the smart host)
 * @param smartHostAuth   user and password for AUTH PLAIN at the smart host
 * @param messagesPerConnection messages sent over one connection before it is closed and a new one opened
 */
public record RelaySettings(String heloName, int port, Optional<InetSocketAddress> dns, Optional<InetSocketAddress> smartHost,
                            RetrySchedule schedule, int maxHosts, Duration connectTimeout, Duration commandTimeout,
                            Duration scanInterval, int maxConcurrent, boolean requireTls, int maxPerDomain,
                            Optional<Credentials> smartHostAuth, int messagesPerConnection) {
    public static final int DEFAULT_PORT = 25;
    /** Like Postfix's {@code smtp_connection_reuse_count_limit} set to 100: reuse, but not one session forever. */
    public static final int DEFAULT_MESSAGES_PER_CONNECTION = 100;

    public static RelaySettings defaults(String heloName) {
        return new RelaySettings(heloName, DEFAULT_PORT, Optional.empty(), Optional.empty(), RetrySchedule.DEFAULT, 5,
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(1), 20, false, 5, Optional.empty(),
                DEFAULT_MESSAGES_PER_CONNECTION);
    }

    public RelaySettings {
        if (port <= 0 || port > 65535 || maxHosts <= 0 || maxConcurrent <= 0 || maxPerDomain <= 0 || messagesPerConnection <= 0) {
            throw new IllegalArgumentException("relay port, host limit and concurrency must be positive");
        }
    }

    public RelaySettings withPort(int newPort) {
        return new RelaySettings(heloName, newPort, dns, smartHost, schedule, maxHosts, connectTimeout, commandTimeout, scanInterval, maxConcurrent, requireTls, maxPerDomain, smartHostAuth, messagesPerConnection);
    }

    public RelaySettings withDns(InetSocketAddress server) {
        return new RelaySettings(heloName, port, Optional.of(server), smartHost, schedule, maxHosts, connectTimeout, commandTimeout, scanInterval, maxConcurrent, requireTls, maxPerDomain, smartHostAuth, messagesPerConnection);
    }

    public RelaySettings withSchedule(RetrySchedule newSchedule) {
        return new RelaySettings(heloName, port, dns, smartHost, newSchedule, maxHosts, connectTimeout, commandTimeout, scanInterval, maxConcurrent, requireTls, maxPerDomain, smartHostAuth, messagesPerConnection);
    }

    public RelaySettings withTimeouts(Duration connect, Duration command) {
        return new RelaySettings(heloName, port, dns, smartHost, schedule, maxHosts, connect, command, scanInterval, maxConcurrent, requireTls, maxPerDomain, smartHostAuth, messagesPerConnection);
    }

    public RelaySettings withScanInterval(Duration interval) {
        return new RelaySettings(heloName, port, dns, smartHost, schedule, maxHosts, connectTimeout, commandTimeout, interval, maxConcurrent, requireTls, maxPerDomain, smartHostAuth, messagesPerConnection);
    }

    public RelaySettings withRequireTls(boolean required) {
        return new RelaySettings(heloName, port, dns, smartHost, schedule, maxHosts, connectTimeout, commandTimeout, scanInterval, maxConcurrent, required, maxPerDomain, smartHostAuth, messagesPerConnection);
    }

    public RelaySettings withConcurrency(int total, int perDomain) {
        return new RelaySettings(heloName, port, dns, smartHost, schedule, maxHosts, connectTimeout, commandTimeout, scanInterval, total, requireTls, perDomain, smartHostAuth, messagesPerConnection);
    }

    /** A user name and password for AUTH PLAIN (RFC 4616) at the smart host. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }

    public RelaySettings withSmartHostAuth(Credentials credentials) {
        return new RelaySettings(heloName, port, dns, smartHost, schedule, maxHosts, connectTimeout, commandTimeout, scanInterval, maxConcurrent, requireTls, maxPerDomain, Optional.of(credentials), messagesPerConnection);
    }

    public RelaySettings withSmartHost(InetSocketAddress host) {
        return new RelaySettings(heloName, port, dns, Optional.of(host), schedule, maxHosts, connectTimeout, commandTimeout, scanInterval, maxConcurrent, requireTls, maxPerDomain, smartHostAuth, messagesPerConnection);
    }

    public RelaySettings withMessagesPerConnection(int limit) {
        return new RelaySettings(heloName, port, dns, smartHost, schedule, maxHosts, connectTimeout, commandTimeout, scanInterval, maxConcurrent, requireTls, maxPerDomain, smartHostAuth, limit);
    }
}
