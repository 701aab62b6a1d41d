package dev.mailroom.protocol;

import java.util.Optional;

/**
 * What a listener offers and demands for transport security and authentication. The MX port offers STARTTLS
 * (RFC 3207) when a certificate is configured, and AUTH once TLS is on if users are known; the implicit-TLS
 * port (RFC 8314) is TLS from its first octet; the submission port (RFC 6409) demands both before mail.
 *
 * @param tls           how TLS comes to this listener's sessions
 * @param tlsRequired   true when a mail transaction needs TLS first: MAIL gets 530 5.7.0 before it (RFC 3207 §4)
 * @param authenticator checks AUTH credentials; empty: AUTH is not offered (502)
 * @param authRequired  true when a mail transaction needs AUTH first: MAIL gets 530 5.7.0 before it (RFC 4954 §6);
 *                      without an authenticator no mail is taken at all
 * @param plaintextAuth true to offer AUTH before TLS, which sends passwords in clear: for loopback tests only
 *                      (otherwise AUTH before TLS is 538 5.7.11, RFC 4954 §4)
 */
public record SessionSecurity(TlsMode tls, boolean tlsRequired, Optional<Authenticator> authenticator,
                              boolean authRequired, boolean plaintextAuth) {

    /** No TLS at all: STARTTLS is answered 454 4.7.0 and not advertised; no AUTH. */
    public static final SessionSecurity NONE = new SessionSecurity(TlsMode.UNAVAILABLE, false);

    public SessionSecurity {
        if (tlsRequired && tls == TlsMode.UNAVAILABLE) {
            throw new IllegalArgumentException("TLS cannot be required where it is unavailable");
        }
    }

    /** TLS only, no AUTH. */
    public SessionSecurity(TlsMode tls, boolean tlsRequired) {
        this(tls, tlsRequired, Optional.empty(), false, false);
    }

    /** The same, with AUTH checked by {@code checker}. */
    public SessionSecurity withAuthenticator(Authenticator checker) {
        return new SessionSecurity(tls, tlsRequired, Optional.of(checker), authRequired, plaintextAuth);
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
