package dev.mailroom.relay;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Client-side TLS that accepts any server certificate: encryption without authentication. That is what
 * opportunistic STARTTLS between MTAs is (RFC 7435; most MX hosts have no certificate a client could check),
 * and what {@code mailroom check --insecure} asks for.
 */
public final class UnverifiedTls {
    private static final SSLContext CONTEXT = context();

    private UnverifiedTls() {
    }

    public static SSLSocketFactory socketFactory() {
        return CONTEXT.getSocketFactory();
    }

    private static SSLContext context() {
        X509TrustManager acceptAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // no client certificates are involved
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // deliberately unverified, see the class comment
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }
}
