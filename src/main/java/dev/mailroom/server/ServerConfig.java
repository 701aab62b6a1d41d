package dev.mailroom.server;

import dev.mailroom.policy.ProtectConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a server is configured with. Names match the command-line flags and the keys of the configuration
 * file ({@code maxMessageSize} is {@code --max-message-size} and {@code limits.max-message-size}); the whole
 * mapping is {@code dev.mailroom.config.ConfigKeys}.
 *
 * @param listen              addresses to accept SMTP on
 * @param domains             local domains (the first is where bare {@code postmaster} goes)
 * @param dataDirectory       where mail is stored ({@code <data>/mail/<domain>/<user>/} Maildirs)
 * @param hostname            the name in the greeting and in Received headers
 * @param maxMessageSize      largest message accepted, octets
 * @param maxRecipients       recipients per message (at least 100, RFC 5321 §4.5.3.1.8)
 * @param maxConnections      concurrent connections in total
 * @param maxConnectionsPerIp concurrent connections from one client address
 * @param maxErrors           5xx replies in a session before it is closed with 421 4.7.0
 * @param maxLineLength       longest command line, CRLF included; MAIL and RCPT may be 500 octets longer (RFC 3461)
 * @param idleTimeout         longest wait for a command
 * @param dataTimeout         longest wait for the next block of a message body
 * @param shutdownGrace       how long a stop waits for messages in progress
 * @param minFreeSpace        octets that must stay free on the data disk; below it MAIL gets 452 4.3.1
 * @param acceptsMail         false for accept-no-mail mode (RFC 7504 521)
 * @param admin               where to serve metrics and health checks over HTTP, if anywhere
 * @param hashAddresses       log mail addresses as hashes instead of in clear
 * @param protect             rate limits, tarpit, greeting delay and the other abuse controls (docs/protect.md)
 */
public record ServerConfig(List<InetSocketAddress> listen, List<String> domains, Path dataDirectory, String hostname,
                           long maxMessageSize, int maxRecipients, int maxConnections, int maxConnectionsPerIp,
                           int maxErrors, int maxLineLength, Duration idleTimeout, Duration dataTimeout,
                           Duration shutdownGrace, long minFreeSpace, boolean acceptsMail,
                           Optional<InetSocketAddress> admin, boolean hashAddresses, ProtectConfig protect) {
    /** RFC 5321 §4.5.3.1.8: a server must accept at least 100 recipients per message. */
    public static final int MIN_RECIPIENTS = 100;

    public ServerConfig {
        listen = List.copyOf(listen);
        domains = List.copyOf(domains);
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("at least one listen address is needed");
        }
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("at least one local domain is needed");
        }
        if (maxRecipients < MIN_RECIPIENTS) {
            throw new IllegalArgumentException("max-recipients must be at least 100 (RFC 5321 §4.5.3.1.8)");
        }
        if (maxMessageSize <= 0 || maxConnections <= 0 || maxConnectionsPerIp <= 0 || maxErrors <= 0 || minFreeSpace < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
