package dev.mailroom.transport;

import dev.mailroom.protocol.Authenticator;
import dev.mailroom.protocol.SessionSecurity;
import dev.mailroom.transport.tls.ServerTls;
import java.util.Optional;

/**
 * What one listener offers its sessions: the core's rules ({@link SessionSecurity}, without an authenticator),
 * the certificate that backs TLS, and the credential check that backs AUTH.
 *
 * @param session what the session offers and demands
 * @param tls     the certificate; required unless the session's TLS mode is {@code UNAVAILABLE}
 * @param auth    checks AUTH credentials; without it AUTH is not offered
 */
public record ListenerSecurity(SessionSecurity session, Optional<ServerTls> tls, Optional<ClientAuthenticator> auth) {

    /** Plain text only: STARTTLS is answered 454, AUTH 502. */
    public static final ListenerSecurity NONE = new ListenerSecurity(SessionSecurity.NONE, Optional.empty(), Optional.empty());

    public ListenerSecurity {
        if (session.tls() != SessionSecurity.TlsMode.UNAVAILABLE && tls.isEmpty()) {
            throw new IllegalArgumentException("a listener that offers TLS needs a certificate");
        }
        if (session.authRequired() && auth.isEmpty()) {
            throw new IllegalArgumentException("a listener that requires AUTH needs users to check");
        }
    }

    /** TLS without AUTH. */
    public ListenerSecurity(SessionSecurity session, Optional<ServerTls> tls) {
        this(session, tls, Optional.empty());
    }

    /** The rules for one connection from {@code client}: AUTH checks know who asks, and each verdict is observed. */
    SessionSecurity sessionFor(String client, SessionObserver observer) {
        return auth.map(check -> session.withAuthenticator(credentials -> {
            Authenticator.Verdict verdict = check.authenticate(client, credentials);
            observer.authenticated(verdict);
            return verdict;
        })).orElse(session);
    }

    /** True when the TLS handshake comes before the greeting (RFC 8314 implicit TLS). */
    boolean implicitTls() {
        return session.tls() == SessionSecurity.TlsMode.IMPLICIT;
    }
}
