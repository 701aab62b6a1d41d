package dev.mailroom.server;

import dev.mailroom.ops.AdminServer;
import dev.mailroom.ops.Readiness;
import dev.mailroom.ops.SmtpMetrics;
import dev.mailroom.ops.SystemResources;
import dev.mailroom.policy.ClientProtection;
import dev.mailroom.policy.ConnectionLimiter;
import dev.mailroom.policy.Greylist;
import dev.mailroom.policy.ResourceGuard;
import dev.mailroom.policy.SitePolicy;
import dev.mailroom.protocol.SessionSettings;
import dev.mailroom.storage.GreylistFile;
import dev.mailroom.storage.MaildirLayout;
import dev.mailroom.storage.MaildirStore;
import dev.mailroom.storage.JournaledMaildirStore;
import dev.mailroom.transport.ConnectionServices;
import dev.mailroom.transport.Drain;
import dev.mailroom.transport.SessionLog;
import dev.mailroom.transport.SessionObserver;
import dev.mailroom.transport.SmtpListener;
import dev.mailroom.transport.TransportSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private final List<MessageListener> listeners;
    private final Drain drain = new Drain();
    private final List<SmtpListener> smtpListeners = new ArrayList<>();
    /** Messages up to this size go through the group-commit journal; larger ones are synced on their own. */
    private static final int SPOOL_MEMORY_LIMIT = 128 * 1024;
    private static final Duration SPOOL_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    /** Opened by {@link #start()}, which first recovers what a previous run left in the spool. */
    private JournaledMaildirStore store;
    private final ConnectionLimiter limiter;
    private final Optional<ResourceGuard> guard;
    private final Optional<PrometheusMeterRegistry> metrics;
    private final Optional<SmtpMetrics> smtpMetrics;
    private Optional<AdminServer> admin = Optional.empty();
    /** Opened by {@link #greylist} when a configuration turns greylisting on. */
    private Greylist greylist;
    private GreylistFile greylistFile;
    /** Set once started; read without the lock, so {@link #port()} answers while {@link #stop()} drains. */
    private volatile List<InetSocketAddress> boundAddresses;
    private boolean started;
    private boolean stopped;

    /** @param guard replaces the watch on heap and file descriptors, when given */
    MailroomServer(ServerConfig config, List<MessageListener> listeners, Optional<ResourceGuard> guard) {
        this.config = config;
        this.guard = guard;
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
        ConnectionServices services = services(config);
        try {
            for (InetSocketAddress address : config.listen()) {
                SmtpListener listener = SmtpListener.start(address, services);
                smtpListeners.add(listener);
                LOG.info("event=listening address={}:{} hostname={} mode={}", listener.address().getHostString(),
                        listener.address().getPort(), config.hostname(), config.acceptsMail() ? "receive" : "no-inbound");
            }
            if (config.admin().isPresent()) {
                AdminServer started = AdminServer.start(config.admin().get(), metrics.orElseThrow(), this::readiness);
                admin = Optional.of(started);
                LOG.info("event=admin address={}:{} paths=/metrics,/health/live,/health/ready",
                        started.address().getHostString(), started.address().getPort());
            }
        } catch (IOException e) {
            closeListeners();
            closeStore();
            throw new UncheckedIOException(e);
        }
        boundAddresses = smtpListeners.stream().map(SmtpListener::address).toList();
        LOG.info("event=storage maildir={} domains={}", mailRoot().toAbsolutePath(),
                String.join(",", config.domains()));
        return this;
    }

    /** What the connections share, for this configuration; the store, limiter, drain and metrics stay the same. */
    private ConnectionServices services(ServerConfig settings) {
        List<SessionObserver> observers = new ArrayList<>(List.of(new SessionLog(settings.hashAddresses())));
        smtpMetrics.ifPresent(observers::add);
        return new ConnectionServices(
                new SessionSettings(settings.hostname(), settings.maxMessageSize(), settings.maxRecipients(),
                        settings.maxErrors(), settings.acceptsMail()),
                new TransportSettings(settings.maxLineLength(), settings.idleTimeout(), settings.dataTimeout()),
                new SitePolicy(Set.copyOf(settings.domains()), () -> store.hasRoomFor(settings.maxMessageSize())),
                store,
                limiter,
                drain,
                stored -> {
                    ReceivedMessage message = ReceivedMessage.of(stored);
                    listeners.forEach(listener -> listener.onMessage(message));
                },
                SessionObserver.all(observers),
                ClientProtection.create(settings.protect(), greylist(settings), guard.orElseGet(() -> resources(settings))));
    }

    /** The watch on heap and file descriptors that the configuration asks for. */
    private static ResourceGuard resources(ServerConfig settings) {
        int memory = settings.protect().overloadMemory();
        int files = settings.protect().overloadFiles();
        return memory == 0 && files == 0 ? ResourceGuard.NONE : new SystemResources(memory, files);
    }

    /**
     * The greylist, opened the first time a configuration turns it on and kept across reloads (it outlives
     * them, as it outlives restarts in {@code <data>/protect/greylist.tsv}).
     */
    private Optional<Greylist> greylist(ServerConfig settings) {
        if (!settings.protect().greylist()) {
            return Optional.empty();
        }
        if (greylist == null) {
            greylistFile = new GreylistFile(settings.dataDirectory().resolve("protect").resolve("greylist.tsv"));
            greylist = new Greylist(settings.protect().greylisting(), greylistFile, Clock.systemUTC());
        } else {
            greylist.configure(settings.protect().greylisting());
        }
        return Optional.of(greylist);
    }

    /**
     * Applies a new configuration without dropping anything: connections accepted from now on get it, sessions
     * in flight finish with the one they started with. Addresses, admin listener and data directory need a
     * restart: a configuration that changes them is refused, and the running one is kept.
     *
     * @throws IllegalArgumentException naming what needs a restart
     */
    public synchronized void reconfigure(ServerConfig next) {
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
        if (!needRestart.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", needRestart) + " can change only with a restart");
        }
        limiter.resize(next.maxConnections(), next.maxConnectionsPerIp());
        ConnectionServices services = services(next);
        smtpListeners.forEach(listener -> listener.serveWith(services));
        config = next;
    }

    /** The port of the first listener (the real one when port 0 was asked for). */
    public int port() {
        return addresses().getFirst().getPort();
    }

    /** The bound addresses of all listeners. */
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
        closeStore();
        if (greylistFile != null) {
            greylistFile.close();
        }
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
