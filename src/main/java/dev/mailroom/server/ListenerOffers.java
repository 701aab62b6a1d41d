package dev.mailroom.server;

import dev.mailroom.policy.AuthThrottle;
import dev.mailroom.protocol.SessionSecurity;
import dev.mailroom.transport.ClientAuthenticator;
import dev.mailroom.transport.ListenerSecurity;
import dev.mailroom.transport.tls.SelfSignedCertificate;
import dev.mailroom.transport.tls.ServerTls;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server's listeners offer: each kind's TLS and AUTH, the certificate behind STARTTLS and implicit TLS
 * (configured, or self-signed on request), and the users file behind AUTH. Loaded at start and at each reload.
 */
final class ListenerOffers {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerOffers.class);

    private ListenerOffers() {
    }

    /** What a listener is for; each kind makes its own TLS and AUTH offer. */
    enum Kind {
        /** {@code listen}: mail from anyone for the local domains; STARTTLS and AUTH offered when configured. */
        SMTP,
        /** RFC 8314 §3.3: TLS from the first octet, AUTH before mail. */
        SMTPS,
        /** RFC 6409: STARTTLS, then AUTH, before mail. */
        SUBMISSION
    }

    /** The TLS and AUTH offer of one kind of listener. */
    static ListenerSecurity of(Kind kind, SecurityConfig security, Optional<ServerTls> tls,
                               Optional<ClientAuthenticator> auth) {
        SessionSecurity session = switch (kind) {
            case SMTP -> new SessionSecurity(tls.isPresent() ? SessionSecurity.TlsMode.STARTTLS
                    : SessionSecurity.TlsMode.UNAVAILABLE, false, Optional.empty(), false, security.plaintextAuth());
            case SMTPS -> new SessionSecurity(SessionSecurity.TlsMode.IMPLICIT, false, Optional.empty(), true, false);
            case SUBMISSION -> new SessionSecurity(SessionSecurity.TlsMode.STARTTLS, true, Optional.empty(), true, false);
        };
        return new ListenerSecurity(session, tls, auth);
    }

    /** AUTH against the users file, when there is one. */
    static Optional<ClientAuthenticator> authenticator(SecurityConfig security) throws IOException {
        if (security.users().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UserAuthenticator(security.users().get(), new AuthThrottle(security.authLimits())));
    }

    /** The configured certificate, or a self-signed one made under {@code <data>/tls/} when asked for. */
    static Optional<ServerTls> loadTls(SecurityConfig security, ServerConfig config) throws IOException {
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
                                + "certificates will refuse it: set tls.tls-cert and tls.tls-key for a real one\"",
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
}
