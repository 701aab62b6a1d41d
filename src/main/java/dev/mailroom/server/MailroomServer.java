package dev.mailroom.server;

import dev.mailroom.server.ListenerOffers.Kind;
import dev.mailroom.ops.AdminServer;
import dev.mailroom.ops.Readiness;
import dev.mailroom.ops.RelayMetrics;
import dev.mailroom.ops.SmtpMetrics;
import dev.mailroom.policy.ConnectionLimiter;
import dev.mailroom.policy.RelayNetworks;
import dev.mailroom.policy.ResourceGuard;
import dev.mailroom.policy.SitePolicy;
import dev.mailroom.relay.RelayObserver;
import dev.mailroom.protocol.SessionSettings;
import dev.mailroom.storage.JournaledMaildirStore;
import dev.mailroom.storage.MaildirLayout;
import dev.mailroom.storage.MaildirStore;
import dev.mailroom.transport.ClientAuthenticator;
import dev.mailroom.transport.ConnectionServices;
import dev.mailroom.transport.Drain;
import dev.mailroom.transport.ListenerSecurity;
import dev.mailroom.transport.SessionLog;
import dev.mailroom.transport.SessionObserver;
import dev.mailroom.transport.SmtpListener;
import dev.mailroom.transport.TransportSettings;
import dev.mailroom.transport.tls.ServerTls;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mailroom SMTP server: build it, {@link #start()} it, {@link #stop()} it.
 *
 * <pre>{@code
 * try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test")
 *         .dataDirectory(dir).onMessage(m -> System.out.println(m.id())).build().start()) {
 *     int port = server.port();
 *     ...
 * }
 * }</pre>
 */
public final class MailroomServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailroomServer.class);

    /** Replaced by {@link #reconfigure}; read without the lock. */
    private volatile ServerConfig config;
    /** The TLS and AUTH side of the configuration; replaced by {@link #reconfigure} too. */
    private volatile SecurityConfig security;
    private final List<MessageListener> listeners;
    private final Drain drain = new Drain();
    private final List<SmtpListener> smtpListeners = new ArrayList<>();
    /** What each of {@link #smtpListeners} is, in the same order. */
    private final List<Kind> listenerKinds = new ArrayList<>();
    /** Messages up to this size go through the group-commit journal; larger ones are synced on their own. */
    private static final int SPOOL_MEMORY_LIMIT = 128 * 1024;
    private static final Duration SPOOL_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    /** Opened by {@link #start()}, which first recovers what a previous run left in the spool. */
    private JournaledMaildirStore store;
    /** As started; a reload changes only its relay networks ({@link #reconfigure(ServerConfig, SecurityConfig, RelayConfig)}). */
    private volatile RelayConfig relay;
    /** The relay queue and its runner, opened by {@link #start()}: a restart picks up what is queued. */
    private RelayService relayService;
    private final ConnectionLimiter limiter;
    private final ProtectionSetup protection;
    private final Optional<PrometheusMeterRegistry> metrics;
    private final Optional<SmtpMetrics> smtpMetrics;
    private Optional<AdminServer> admin = Optional.empty();
    /** Set once started; read without the lock, so {@link #port()} answers while {@link #stop()} drains. */
    private volatile List<InetSocketAddress> boundAddresses;
    private volatile List<InetSocketAddress> boundSmtps;
    private volatile List<InetSocketAddress> boundSubmission;
    private volatile Optional<ServerTls> tls = Optional.empty();
    /** Checks AUTH against the users file; kept across reloads that leave the file and limits alone. */
    private Optional<ClientAuthenticator> auth = Optional.empty();
    private boolean started;
    private boolean stopped;

    /** @param guard replaces the watch on heap and file descriptors, when given */
    MailroomServer(ServerConfig config, SecurityConfig security, RelayConfig relay, List<MessageListener> listeners,
                   Optional<ResourceGuard> guard) {
        this.config = config;
        this.security = security;
        this.relay = relay;
        this.protection = new ProtectionSetup(guard);
        this.listeners = List.copyOf(listeners);
        this.limiter = new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerIp());
        this.metrics = config.admin().map(address -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        this.smtpMetrics = metrics.map(SmtpMetrics::new);
    }

    private Path mailRoot() {
        return config.dataDirectory().resolve("mail");
    }

    public static ServerBuilder builder() {
        return new ServerBuilder();
    }

    public ServerConfig config() {
        return config;
    }

    public SecurityConfig security() {
        return security;
    }

    /** Opens every listener; throws if one cannot be bound (and closes those already opened). */
    public synchronized MailroomServer start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        MaildirStore maildir = new MaildirStore(new MaildirLayout(mailRoot(), config.domains().getFirst()),
                config.minFreeSpace(), config.hostname());
        try {
            store = JournaledMaildirStore.open(maildir, config.dataDirectory().resolve("spool"), SPOOL_MEMORY_LIMIT,
                    SPOOL_CHECKPOINT_INTERVAL);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool in " + config.dataDirectory(), e);
        }
        try {
            relayService = new RelayService(config, relay, store, this::isLocalDomain, metrics
                    .<RelayObserver>map(registry -> new RelayMetrics(registry, Clock.systemUTC())).orElse(RelayObserver.NONE));
        } catch (IOException e) {
            closeStore();
            throw new UncheckedIOException("cannot open the relay queue in " + config.dataDirectory(), e);
        } catch (RuntimeException e) {
            closeStore();
            throw e;
        }
        try {
            tls = ListenerOffers.loadTls(security, config);
            auth = ListenerOffers.authenticator(security);
            ConnectionServices services = services(config, security);
            for (InetSocketAddress address : config.listen()) {
                open(address, services, Kind.SMTP);
            }
            // RFC 8314 §3.3 and RFC 6409: both submission ports take mail only from authenticated users over TLS.
            for (InetSocketAddress address : security.smtps()) {
                open(address, services, Kind.SMTPS);
            }
            for (InetSocketAddress address : security.submission()) {
                open(address, services, Kind.SUBMISSION);
            }
            boundSmtps = bound(Kind.SMTPS);
            boundSubmission = bound(Kind.SUBMISSION);
            if (config.admin().isPresent()) {
                AdminServer started = AdminServer.start(config.admin().get(), metrics.orElseThrow(), this::readiness);
                admin = Optional.of(started);
                LOG.info("event=admin address={}:{} paths=/metrics,/health/live,/health/ready",
                        started.address().getHostString(), started.address().getPort());
            }
        } catch (IOException e) {
            closeListeners();
            relayService.stop(Duration.ZERO);
            closeStore();
            throw new UncheckedIOException(e);
        }
        boundAddresses = smtpListeners.stream().map(SmtpListener::address).toList();
        LOG.info("event=storage maildir={} domains={}", mailRoot().toAbsolutePath(),
                String.join(",", config.domains()));
        return this;
    }

    private void open(InetSocketAddress address, ConnectionServices services, Kind kind) throws IOException {
        ListenerSecurity offer = ListenerOffers.of(kind, security, tls, auth);
        SmtpListener listener = SmtpListener.start(address, services, offer);
        smtpListeners.add(listener);
        listenerKinds.add(kind);
        LOG.info("event=listening address={}:{} kind={} tls={} hostname={} mode={}", listener.address().getHostString(),
                listener.address().getPort(), kind.name().toLowerCase(Locale.ROOT),
                offer.session().tls().name().toLowerCase(Locale.ROOT), config.hostname(),
                config.acceptsMail() ? "receive" : "no-inbound");
    }

    private List<InetSocketAddress> bound(Kind kind) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < smtpListeners.size(); i++) {
            if (listenerKinds.get(i) == kind) {
                addresses.add(smtpListeners.get(i).address());
            }
        }
        return List.copyOf(addresses);
    }

    /** The server's TLS certificate, once started with one. */
    public Optional<ServerTls> tls() {
        return tls;
    }

    /** The port of the first implicit-TLS listener (RFC 8314). */
    public int smtpsPort() {
        addresses();
        return boundSmtps.getFirst().getPort();
    }

    /** The port of the first submission listener (RFC 6409, STARTTLS then AUTH). */
    public int submissionPort() {
        addresses();
        return boundSubmission.getFirst().getPort();
    }

    /** True for the domains delivered here; the empty domain is the bare postmaster's. */
    private boolean isLocalDomain(String domain) {
        return domain.isEmpty() || config.domains().stream().anyMatch(local -> local.equalsIgnoreCase(domain));
    }

    /** The relay settings in effect: as started, with the relay networks of the last reload. */
    public RelayConfig relayConfig() {
        return relay;
    }

    /**
     * What the connections share, for this configuration; the store, limiter, drain and metrics stay the same.
     * Mail for other domains comes only from authenticated users and relay-network clients (the policy sees to
     * it) and goes to the relay queue.
     */
    private ConnectionServices services(ServerConfig settings, SecurityConfig securitySettings) {
        List<SessionObserver> observers = new ArrayList<>(List.of(new SessionLog(settings.hashAddresses())));
        smtpMetrics.ifPresent(observers::add);
        SitePolicy policy = new SitePolicy(Set.copyOf(settings.domains()),
                () -> store.hasRoomFor(settings.maxMessageSize()), !securitySettings.anySender(),
                RelayNetworks.of(relay.relayNetworks()));
        SessionSettings session = new SessionSettings(settings.hostname(), settings.maxMessageSize(), settings.maxRecipients(),
                settings.maxErrors(), settings.acceptsMail(), settings.maxLineLength());
        return new ConnectionServices(
                session,
                new TransportSettings(session.longestCommandLine(), settings.idleTimeout(), settings.dataTimeout()),
                policy,
                relayService.store(store, mailbox -> policy.isLocal(mailbox.domain())),
                limiter,
                drain,
                stored -> {
                    ReceivedMessage message = ReceivedMessage.of(stored);
                    listeners.forEach(listener -> listener.onMessage(message));
                },
                SessionObserver.all(observers),
                protection.forConfig(settings));
    }

    /**
     * Applies a new configuration without dropping anything: connections accepted from now on get it, sessions
     * in flight finish with the one they started with. Addresses, admin listener and data directory need a
     * restart: a configuration that changes them is refused, and the running one is kept.
     *
     * @throws IllegalArgumentException naming what needs a restart
     */
    public synchronized void reconfigure(ServerConfig next) {
        reconfigure(next, security);
    }

    /**
     * {@link #reconfigure(ServerConfig)} with the TLS and AUTH settings too: a new certificate source or users
     * file is loaded before anything changes (and refused if it cannot be); the smtps and submission addresses
     * need a restart. (Changes to the certificate files and the users file apply without any reload.)
     *
     * @throws IllegalArgumentException naming what needs a restart, or what could not be loaded
     */
    public synchronized void reconfigure(ServerConfig next, SecurityConfig nextSecurity) {
        reconfigure(next, nextSecurity, relay);
    }

    /**
     * {@link #reconfigure(ServerConfig, SecurityConfig)} with the relay settings too. Of those only the relay
     * networks apply (to new connections, like the rest): the queue runner and delivery agent keep the settings
     * they started with, and {@link #relayConfig()} tells what is in effect, for the caller to say what waits for a
     * restart.
     *
     * @throws IllegalArgumentException naming what needs a restart, or what could not be loaded
     */
    public synchronized void reconfigure(ServerConfig next, SecurityConfig nextSecurity, RelayConfig nextRelay) {
        if (!started || stopped) {
            throw new IllegalStateException("not running");
        }
        List<String> needRestart = new ArrayList<>();
        if (!next.listen().equals(config.listen())) {
            needRestart.add("listen");
        }
        if (!next.admin().equals(config.admin())) {
            needRestart.add("admin");
        }
        if (!next.dataDirectory().equals(config.dataDirectory())) {
            needRestart.add("data");
        }
        if (!nextSecurity.smtps().equals(security.smtps())) {
            needRestart.add("smtps");
        }
        if (!nextSecurity.submission().equals(security.submission())) {
            needRestart.add("submission");
        }
        if (!needRestart.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", needRestart) + " can change only with a restart");
        }
        Optional<ServerTls> nextTls = tls;
        Optional<ClientAuthenticator> nextAuth = auth;
        try {
            boolean selfSignedRenamed = nextSecurity.tls().orElse(null) instanceof TlsSource.SelfSigned
                    && !next.hostname().equals(config.hostname());
            if (!nextSecurity.tls().equals(security.tls()) || selfSignedRenamed) {
                nextTls = ListenerOffers.loadTls(nextSecurity, next);
            }
            if (!Objects.equals(nextSecurity.users(), security.users())
                    || !nextSecurity.authLimits().equals(security.authLimits())) {
                nextAuth = ListenerOffers.authenticator(nextSecurity);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<ListenerSecurity> offers = new ArrayList<>();
        for (Kind kind : listenerKinds) {
            offers.add(ListenerOffers.of(kind, nextSecurity, nextTls, nextAuth));
        }
        // Nothing can fail from here on.
        relay = relay.withRelayNetworks(nextRelay.relayNetworks());
        limiter.resize(next.maxConnections(), next.maxConnectionsPerIp());
        ConnectionServices services = services(next, nextSecurity);
        for (int i = 0; i < smtpListeners.size(); i++) {
            smtpListeners.get(i).serveWith(services, offers.get(i));
        }
        tls = nextTls;
        auth = nextAuth;
        security = nextSecurity;
        config = next;
    }

    /** The port of the first listener (the real one when port 0 was asked for). */
    public int port() {
        return addresses().getFirst().getPort();
    }

    /** The bound addresses of all listeners: the {@code listen} ones first, then smtps, then submission. */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> bound = boundAddresses;
        if (bound == null) {
            throw new IllegalStateException("not started");
        }
        return bound;
    }

    /** The admin listener's bound address, when there is one. */
    public Optional<InetSocketAddress> adminAddress() {
        return admin.map(AdminServer::address);
    }

    /**
     * Ready for traffic: listening, not draining, and storage writable with room for a message of the size
     * limit. This is {@code /health/ready}.
     */
    public Readiness readiness() {
        if (boundAddresses == null) {
            return Readiness.notReady("not started");
        }
        if (drain.draining()) {
            return Readiness.notReady("draining");
        }
        if (!store.hasRoomFor(config.maxMessageSize())) {
            return Readiness.notReady("storage below its free-space margin or not available: " + mailRoot());
        }
        if (!Files.isWritable(mailRoot())) {
            return Readiness.notReady("storage not writable: " + mailRoot());
        }
        return Readiness.READY;
    }

    /**
     * Graceful stop: new connections get 421 4.3.2, idle sessions get it at once and busy ones at their next
     * command; a message in progress may finish within the shutdown grace period, after which whatever is
     * left is closed without being acknowledged. Returns when every connection is closed.
     */
    public synchronized void stop() {
        if (!started || stopped) {
            return;
        }
        stopped = true;
        LOG.info("event=draining connections={} grace={}", drain.liveConnections(), config.shutdownGrace());
        try {
            drain.drain(config.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeListeners();
        relayService.stop(config.shutdownGrace());
        closeStore();
        protection.close();
        LOG.info("event=stopped");
    }

    private void closeStore() {
        try {
            store.close();
        } catch (IOException e) {
            LOG.warn("event=spool-close-error reason=\"{}\" (the spool is recovered at the next start)", e.toString());
        }
    }

    private void closeListeners() {
        admin.ifPresent(AdminServer::close);
        for (SmtpListener listener : smtpListeners) {
            try {
                listener.close();
            } catch (IOException e) {
                LOG.warn("event=close-error address={} reason=\"{}\"", listener.address(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
