package dev.mailroom.server;

import dev.mailroom.policy.AuthThrottle;
import dev.mailroom.policy.ProtectConfig;
import dev.mailroom.policy.ResourceGuard;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a {@link MailroomServer}; every setting has a default that suits {@code mailroom serve}. */
public final class ServerBuilder {
    public static final int DEFAULT_PORT = 2525;
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L * 1024 * 1024;

    private final List<InetSocketAddress> listen = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();
    private final List<MessageListener> listeners = new ArrayList<>();
    private Path dataDirectory = Path.of("data");
    private String hostname;
    private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private int maxRecipients = 100;
    private int maxConnections = 1000;
    private int maxConnectionsPerIp = 50;
    private int maxErrors = 20;
    private int maxLineLength = 512;
    private Duration idleTimeout = Duration.ofMinutes(5);
    private Duration dataTimeout = Duration.ofMinutes(3);
    private Duration shutdownGrace = Duration.ofSeconds(30);
    private long minFreeSpace = -1;
    private boolean acceptsMail = true;
    private InetSocketAddress admin;
    private boolean hashAddresses;
    private RelayConfig relay = RelayConfig.DEFAULT;
    private TlsSource tls;
    private final List<InetSocketAddress> smtps = new ArrayList<>();
    private Path users;
    private AuthThrottle.Limits authLimits = AuthThrottle.Limits.DEFAULT;
    private boolean plaintextAuth;
    private final List<InetSocketAddress> submission = new ArrayList<>();
    private boolean anySender;
    private final ProtectConfig.Builder protect = ProtectConfig.builder();
    private ResourceGuard resourceGuard;

    ServerBuilder() {
    }

    /** Adds a listening address; port 0 picks a free port. Default: 127.0.0.1:2525. */
    public ServerBuilder listen(String host, int port) {
        listen.add(new InetSocketAddress(host, port));
        return this;
    }

    /** Adds a local domain. Default: {@code localhost}. */
    public ServerBuilder domain(String domain) {
        domains.add(domain);
        return this;
    }

    public ServerBuilder dataDirectory(Path directory) {
        this.dataDirectory = directory;
        return this;
    }

    public ServerBuilder hostname(String name) {
        this.hostname = name;
        return this;
    }

    public ServerBuilder maxMessageSize(long octets) {
        this.maxMessageSize = octets;
        return this;
    }

    public ServerBuilder maxRecipients(int count) {
        this.maxRecipients = count;
        return this;
    }

    public ServerBuilder maxConnections(int count) {
        this.maxConnections = count;
        return this;
    }

    public ServerBuilder maxConnectionsPerIp(int count) {
        this.maxConnectionsPerIp = count;
        return this;
    }

    public ServerBuilder maxErrors(int count) {
        this.maxErrors = count;
        return this;
    }

    public ServerBuilder maxLineLength(int octets) {
        this.maxLineLength = octets;
        return this;
    }

    public ServerBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    public ServerBuilder dataTimeout(Duration timeout) {
        this.dataTimeout = timeout;
        return this;
    }

    public ServerBuilder shutdownGrace(Duration grace) {
        this.shutdownGrace = grace;
        return this;
    }

    /** Octets to keep free on the data disk. Default: 1.5 × the message size limit, as Postfix does. */
    public ServerBuilder minFreeSpace(long octets) {
        this.minFreeSpace = octets;
        return this;
    }

    /** {@code false} turns on accept-no-mail mode: 521 greeting and 521 to every command but QUIT. */
    public ServerBuilder acceptsMail(boolean accepts) {
        this.acceptsMail = accepts;
        return this;
    }

    /** Serves Prometheus metrics and {@code /health/live}, {@code /health/ready} over HTTP here. Default: off. */
    public ServerBuilder admin(String host, int port) {
        this.admin = new InetSocketAddress(host, port);
        return this;
    }

    /** Logs mail addresses as short hashes, so logs can be correlated but not read. Default: in clear. */
    public ServerBuilder hashAddresses(boolean hash) {
        this.hashAddresses = hash;
        return this;
    }

    /** How mail for other domains is relayed: who may relay, DNS, retry schedule, smart host (docs/relay.md). */
    public ServerBuilder relay(RelayConfig config) {
        this.relay = config;
        return this;
    }

    public RelayConfig relayConfig() {
        return relay;
    }

    /** The abuse controls (rate limits, tarpit, greeting delay), to set in place; see docs/protect.md. */
    public ProtectConfig.Builder protect() {
        return protect;
    }

    /**
     * Replaces the watch on heap and file descriptors ({@code overload-memory}, {@code overload-files}) with
     * this one: for tests, or an embedder that watches resources itself.
     */
    public ServerBuilder resourceGuard(ResourceGuard guard) {
        this.resourceGuard = guard;
        return this;
    }

    /** Adds a listener told of every stored message (the SubEthaSMTP / GreenMail use). */
    public ServerBuilder onMessage(MessageListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The TLS certificate: with one, the {@code listen} ports offer STARTTLS (RFC 3207). Default (and {@code null}): none. */
    public ServerBuilder tls(TlsSource source) {
        this.tls = source;
        return this;
    }

    /**
     * Adds a submission listener over implicit TLS (RFC 8314 §3.3; port 465 by convention): AUTH is required
     * before mail, so it needs {@link #tls} and {@link #users}. Port 0 picks one.
     */
    public ServerBuilder smtps(String host, int port) {
        smtps.add(new InetSocketAddress(host, port));
        return this;
    }

    /**
     * The users file ({@code name:hash} lines, see {@code mailroom user}): with one, AUTH PLAIN and LOGIN are
     * offered once TLS is on (RFC 4954). Changes to the file apply without a restart.
     */
    public ServerBuilder users(Path file) {
        this.users = file;
        return this;
    }

    /** How failed AUTH attempts from one client address are slowed down and refused. */
    public ServerBuilder authLimits(AuthThrottle.Limits limits) {
        this.authLimits = limits;
        return this;
    }

    /**
     * Offers AUTH on connections without TLS too, so passwords cross the network in clear. For tests on
     * loopback only; never in production. Default: false (AUTH before TLS is 538 5.7.11).
     */
    public ServerBuilder allowPlaintextAuth(boolean allow) {
        this.plaintextAuth = allow;
        return this;
    }

    /**
     * Adds a submission listener (RFC 6409; port 587 by convention): STARTTLS and AUTH are required before mail
     * (530 5.7.0), after which users may send to any domain. Needs {@link #tls} and {@link #users}.
     */
    public ServerBuilder submission(String host, int port) {
        submission.add(new InetSocketAddress(host, port));
        return this;
    }

    /** Lets authenticated users send with any MAIL FROM. Default: only their own address (else 553 5.7.1). */
    public ServerBuilder anySender(boolean allow) {
        this.anySender = allow;
        return this;
    }

    public MailroomServer build() {
        return new MailroomServer(config(), security(), relay, listeners, Optional.ofNullable(resourceGuard));
    }

    /** The TLS and AUTH configuration {@link #build()} would use; throws if the settings contradict each other. */
    public SecurityConfig security() {
        return new SecurityConfig(Optional.ofNullable(tls), smtps, submission, Optional.ofNullable(users), authLimits,
                plaintextAuth, anySender);
    }

    /** The configuration {@link #build()} would use, defaults filled in; throws if a value is impossible. */
    public ServerConfig config() {
        return new ServerConfig(
                listen.isEmpty() ? List.of(new InetSocketAddress("127.0.0.1", DEFAULT_PORT)) : listen,
                domains.isEmpty() ? List.of("localhost") : domains,
                dataDirectory,
                hostname != null ? hostname : localHostName(),
                maxMessageSize, maxRecipients, maxConnections, maxConnectionsPerIp, maxErrors, maxLineLength,
                idleTimeout, dataTimeout, shutdownGrace,
                minFreeSpace >= 0 ? minFreeSpace : maxMessageSize + maxMessageSize / 2,
                acceptsMail, Optional.ofNullable(admin), hashAddresses, protect.build());
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
