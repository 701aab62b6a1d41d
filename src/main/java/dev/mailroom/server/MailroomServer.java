package dev.mailroom.server;

import dev.mailroom.policy.ConnectionLimiter;
import dev.mailroom.policy.SitePolicy;
import dev.mailroom.protocol.SessionSettings;
import dev.mailroom.storage.MaildirLayout;
import dev.mailroom.storage.MaildirStore;
import dev.mailroom.storage.MessageStore;
import dev.mailroom.transport.ConnectionServices;
import dev.mailroom.transport.Drain;
import dev.mailroom.transport.SessionLog;
import dev.mailroom.transport.SmtpListener;
import dev.mailroom.transport.TransportSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
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

    private final ServerConfig config;
    private final List<MessageListener> listeners;
    private final Drain drain = new Drain();
    private final List<SmtpListener> smtpListeners = new ArrayList<>();
    /** Set once started; read without the lock, so {@link #port()} answers while {@link #stop()} drains. */
    private volatile List<InetSocketAddress> boundAddresses;
    private boolean started;
    private boolean stopped;

    MailroomServer(ServerConfig config, List<MessageListener> listeners) {
        this.config = config;
        this.listeners = List.copyOf(listeners);
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
        MessageStore store = new MaildirStore(new MaildirLayout(config.dataDirectory().resolve("mail"),
                config.domains().getFirst()), config.minFreeSpace(), config.hostname());
        ConnectionServices services = new ConnectionServices(
                new SessionSettings(config.hostname(), config.maxMessageSize(), config.maxRecipients(),
                        config.maxErrors(), config.acceptsMail()),
                new TransportSettings(config.maxLineLength(), config.idleTimeout(), config.dataTimeout()),
                new SitePolicy(java.util.Set.copyOf(config.domains()), () -> store.hasRoomFor(config.maxMessageSize())),
                store,
                new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerIp()),
                drain,
                stored -> {
                    ReceivedMessage message = ReceivedMessage.of(stored);
                    listeners.forEach(listener -> listener.onMessage(message));
                },
                new SessionLog(config.hashAddresses()));
        try {
            for (InetSocketAddress address : config.listen()) {
                SmtpListener listener = SmtpListener.start(address, services);
                smtpListeners.add(listener);
                LOG.info("event=listening address={}:{} hostname={} mode={}", listener.address().getHostString(),
                        listener.address().getPort(), config.hostname(), config.acceptsMail() ? "receive" : "no-inbound");
            }
        } catch (IOException e) {
            closeListeners();
            throw new UncheckedIOException(e);
        }
        boundAddresses = smtpListeners.stream().map(SmtpListener::address).toList();
        LOG.info("event=storage maildir={} domains={}", config.dataDirectory().resolve("mail").toAbsolutePath(),
                String.join(",", config.domains()));
        return this;
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
        LOG.info("event=stopped");
    }

    private void closeListeners() {
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
