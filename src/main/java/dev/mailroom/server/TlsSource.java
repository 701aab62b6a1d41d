package dev.mailroom.server;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/** Where the server's TLS certificate and key come from. */
public sealed interface TlsSource {

    /**
     * PEM files: {@code certificate} holds the server's certificate, then any intermediates (certbot's
     * {@code fullchain.pem}); {@code key} its unencrypted private key (PKCS#8, PKCS#1 RSA or SEC1 EC).
     */
    record Pem(Path certificate, Path key) implements TlsSource {
    }

    /** A PKCS#12 keystore whose first key entry is used; the password unlocks the store and the key. */
    record Pkcs12(Path keystore, char[] password) implements TlsSource {
        public Pkcs12 {
            password = password.clone();
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pkcs12 that && keystore.equals(that.keystore) && Arrays.equals(password, that.password);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keystore, Arrays.hashCode(password));
        }

        @Override
        public String toString() {
            return "Pkcs12[keystore=" + keystore + "]";   // never the password
        }
    }

    /**
     * A self-signed certificate for the server's host name, generated into {@code <data>/tls/} on first start
     * (and again when the host name changes or it nears expiry). Fine for server-to-server STARTTLS, where
     * senders do not check certificates; mail programs need a real one.
     */
    record SelfSigned() implements TlsSource {
    }
}
