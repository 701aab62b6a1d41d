package dev.mailroom.protocol;

/**
 * What a listener offers and demands for transport security. The MX port offers STARTTLS (RFC 3207) when a
 * certificate is configured; the implicit-TLS port (RFC 8314) is TLS from its first octet; the submission port
 * (RFC 6409) offers STARTTLS and refuses mail transactions without it.
 *
 * @param tls         how TLS comes to this listener's sessions
 * @param tlsRequired true when a mail transaction needs TLS first: MAIL gets 530 5.7.0 before it (RFC 3207 §4)
 */
public record SessionSecurity(TlsMode tls, boolean tlsRequired) {

    /** No TLS at all: STARTTLS is answered 454 4.7.0 and not advertised. */
    public static final SessionSecurity NONE = new SessionSecurity(TlsMode.UNAVAILABLE, false);

    public SessionSecurity {
        if (tlsRequired && tls == TlsMode.UNAVAILABLE) {
            throw new IllegalArgumentException("TLS cannot be required where it is unavailable");
        }
    }

    /** How TLS comes to a session. */
    public enum TlsMode {
        /** No certificate: STARTTLS gets 454 4.7.0 and is not advertised. */
        UNAVAILABLE,
        /** Plain text first; STARTTLS is advertised in EHLO and upgrades the connection. */
        STARTTLS,
        /** The transport completed a TLS handshake before the greeting (RFC 8314 §3.3). */
        IMPLICIT
    }
}
