package dev.mailroom.server;

import dev.mailroom.policy.AuthThrottle;
import dev.mailroom.policy.ConnectionLimiter;
import dev.mailroom.policy.SitePolicy;
import dev.mailroom.protocol.SessionSecurity;
import dev.mailroom.protocol.SessionSettings;
import dev.mailroom.storage.MaildirLayout;
import dev.mailroom.storage.MaildirStore;
import dev.mailroom.storage.MessageStore;
import dev.mailroom.storage.OutgoingStore;
import dev.mailroom.storage.RoutingStore;
import dev.mailroom.transport.ClientAuthenticator;
import dev.mailroom.transport.ConnectionServices;
import dev.mailroom.transport.Drain;
import dev.mailroom.transport.ListenerSecurity;
import dev.mailroom.transport.SmtpListener;
import dev.mailroom.transport.TransportSettings;
import dev.mailroom.transport.tls.SelfSignedCertificate;
import dev.mailroom.transport.tls.ServerTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final SecurityConfig security;
    private final List<MessageListener> listeners;
    private final Drain drain = new Drain();
    private final List<SmtpListener> smtpListeners = new ArrayList<>();
    /** Set once started; read without the lock, so {@link #port()} answers while {@link #stop()} drains. */
    private volatile List<InetSocketAddress> boundAddresses;
    private volatile List<InetSocketAddress> boundSmtps;
    private volatile List<InetSocketAddress> boundSubmission;
    private volatile Optional<ServerTls> tls = Optional.empty();
    private boolean started;
    private boolean stopped;

    MailroomServer(ServerConfig config, SecurityConfig security, List<MessageListener> listeners) {
        this.config = config;
        this.security = security;
        this.listeners = List.copyOf(listeners);
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
        MaildirStore maildir = new MaildirStore(new MaildirLayout(config.dataDirectory().resolve("mail"),
                config.domains().getFirst()), config.minFreeSpace(), config.hostname());
        SitePolicy policy = new SitePolicy(java.util.Set.copyOf(config.domains()),
                () -> maildir.hasRoomFor(config.maxMessageSize()), !security.anySender());
        // Mail for other domains comes only from authenticated users (the policy sees to it) and waits in outgoing/.
        MessageStore store = new RoutingStore(maildir,
                new OutgoingStore(config.dataDirectory().resolve("outgoing"), config.hostname()), policy::isLocal);
        ConnectionServices services = new ConnectionServices(
                new SessionSettings(config.hostname(), config.maxMessageSize(), config.maxRecipients(),
                        config.maxErrors(), config.acceptsMail()),
                new TransportSettings(config.maxLineLength(), config.idleTimeout(), config.dataTimeout()),
                policy,
                store,
                new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerIp()),
                drain,
                stored -> {
                    ReceivedMessage message = ReceivedMessage.of(stored);
                    listeners.forEach(listener -> listener.onMessage(message));
                });
        try {
            tls = loadTls();
            Optional<ClientAuthenticator> auth = security.users().isEmpty() ? Optional.empty()
                    : Optional.of(new UserAuthenticator(security.users().get(), new AuthThrottle(security.authLimits())));
            SessionSecurity.TlsMode mxTls = tls.isPresent() ? SessionSecurity.TlsMode.STARTTLS : SessionSecurity.TlsMode.UNAVAILABLE;
            ListenerSecurity mx = new ListenerSecurity(
                    new SessionSecurity(mxTls, false, Optional.empty(), false, security.plaintextAuth()), tls, auth);
            for (InetSocketAddress address : config.listen()) {
                open(address, services, mx, "smtp");
            }
            int mxCount = smtpListeners.size();
            // RFC 8314 §3.3 and RFC 6409: both submission ports take mail only from authenticated users over TLS.
            for (InetSocketAddress address : security.smtps()) {
                open(address, services, new ListenerSecurity(new SessionSecurity(SessionSecurity.TlsMode.IMPLICIT, false,
                        Optional.empty(), true, false), tls, auth), "smtps");
            }
            boundSmtps = smtpListeners.subList(mxCount, smtpListeners.size()).stream().map(SmtpListener::address).toList();
            int smtpsEnd = smtpListeners.size();
            for (InetSocketAddress address : security.submission()) {
                open(address, services, new ListenerSecurity(new SessionSecurity(SessionSecurity.TlsMode.STARTTLS, true,
                        Optional.empty(), true, false), tls, auth), "submission");
            }
            boundSubmission = smtpListeners.subList(smtpsEnd, smtpListeners.size()).stream().map(SmtpListener::address).toList();
        } catch (IOException e) {
            closeListeners();
            throw new UncheckedIOException(e);
        }
        boundAddresses = smtpListeners.stream().map(SmtpListener::address).toList();
        LOG.info("event=storage maildir={} domains={}", config.dataDirectory().resolve("mail").toAbsolutePath(),
                String.join(",", config.domains()));
        return this;
    }

    private void open(InetSocketAddress address, ConnectionServices services, ListenerSecurity listenerSecurity, String kind)
            throws IOException {
        SmtpListener listener = SmtpListener.start(address, services, listenerSecurity);
        smtpListeners.add(listener);
        LOG.info("event=listening address={}:{} kind={} tls={} hostname={} mode={}", listener.address().getHostString(),
                listener.address().getPort(), kind, listenerSecurity.session().tls().name().toLowerCase(java.util.Locale.ROOT),
                config.hostname(), config.acceptsMail() ? "receive" : "no-inbound");
    }

    /** The configured certificate, or a self-signed one made under {@code <data>/tls/} when asked for. */
    private Optional<ServerTls> loadTls() throws IOException {
        if (security.tls().isEmpty()) {
            return Optional.empty();
        }
        try {
            ServerTls loaded = switch (security.tls().get()) {
                case TlsSource.Pem pem -> ServerTls.pem(pem.certificate(), pem.key());
                case TlsSource.Pkcs12 pkcs12 -> ServerTls.pkcs12(pkcs12.keystore(), pkcs12.password());
                case TlsSource.SelfSigned selfSigned -> {
                    SelfSignedCertificate.Result made =
                            SelfSignedCertificate.ensure(config.dataDirectory().resolve("tls"), config.hostname());
                    if (made.made()) {
                        LOG.info("event=tls-self-signed-generated keystore={} hostname={} note=\"clients that verify "
                                + "certificates will refuse it: give --tls-cert and --tls-key for a real one\"",
                                made.keystore().toAbsolutePath(), config.hostname());
                    }
                    yield ServerTls.pkcs12(made.keystore(), made.password());
                }
            };
            LOG.info("event=tls-certificate subject=\"{}\" issuer=\"{}\" expires={} chain={}",
                    loaded.certificate().getSubjectX500Principal().getName(),
                    loaded.certificate().getIssuerX500Principal().getName(),
                    loaded.certificate().getNotAfter().toInstant(), loaded.chain().size());
            return Optional.of(loaded);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the TLS certificate: " + e.getMessage(), e);
        }
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
