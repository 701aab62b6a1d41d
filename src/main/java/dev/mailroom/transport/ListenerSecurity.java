package dev.mailroom.transport;

import dev.mailroom.protocol.SessionSecurity;
import dev.mailroom.transport.tls.ServerTls;
import java.util.Optional;

/**
 * What one listener offers its sessions: the core's rules ({@link SessionSecurity}) and the certificate that
 * backs them.
 *
 * @param session what the session offers and demands
 * @param tls     the certificate; required unless the session's TLS mode is {@code UNAVAILABLE}
 */
public record ListenerSecurity(SessionSecurity session, Optional<ServerTls> tls) {

    /** Plain text only: STARTTLS is answered 454. */
    public static final ListenerSecurity NONE = new ListenerSecurity(SessionSecurity.NONE, Optional.empty());

    public ListenerSecurity {
        if (session.tls() != SessionSecurity.TlsMode.UNAVAILABLE && tls.isEmpty()) {
            throw new IllegalArgumentException("a listener that offers TLS needs a certificate");
        }
    }

    /** True when the TLS handshake comes before the greeting (RFC 8314 implicit TLS). */
    boolean implicitTls() {
        return session.tls() == SessionSecurity.TlsMode.IMPLICIT;
    }
}
