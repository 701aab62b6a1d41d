package dev.mailroom.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of TLS: a certificate with its key, and the protocol versions and cipher suites Mailroom
 * allows. {@link #layer} makes the server end of a TLS connection over an accepted socket (for STARTTLS, or
 * at once on the implicit-TLS port).
 *
 * <p>Versions: TLS 1.3 and 1.2 only (RFC 8996 retired 1.0 and 1.1; RFC 8314 §4.1 asks for 1.2 or later).
 * Cipher suites: the TLS 1.3 AEAD suites, and for 1.2 only ECDHE key exchange with AES-GCM or ChaCha20-Poly1305
 * (forward secrecy and authenticated encryption: Mozilla's "intermediate" list, without finite-field DHE).
 *
 * <p>The certificate files are checked for changes at most every {@value #CHECK_INTERVAL_MILLIS} ms when a
 * connection needs TLS; a changed file is loaded for new handshakes, while sessions in flight keep theirs. A
 * file that fails to load is logged and the previous certificate stays in use.
 */
public final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    static final long CHECK_INTERVAL_MILLIS = 2_000;

    /** Newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** In order of preference; those the running JDK lacks are left out. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final KeySource source;
    private volatile Loaded loaded;
    private volatile long lastCheck;

    private ServerTls(KeySource source) throws IOException, GeneralSecurityException {
        this.source = source;
        this.loaded = load(source);
        this.lastCheck = System.currentTimeMillis();
    }

    /**
     * From PEM files: {@code certificate} holds the server's certificate followed by any intermediates (as
     * certbot's fullchain.pem does), {@code key} its private key (the same file may hold both).
     */
    public static ServerTls pem(Path certificate, Path key) throws IOException, GeneralSecurityException {
        return new ServerTls(new KeySource.Pem(certificate, key));
    }

    /** From a PKCS#12 keystore; its first key entry is used, and the password unlocks the store and the key. */
    public static ServerTls pkcs12(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        return new ServerTls(new KeySource.Pkcs12(keystore, password.clone()));
    }

    /** The server's certificate in use now (the first of its chain). */
    public X509Certificate certificate() {
        return loaded.chain().getFirst();
    }

    /** The chain in use now, the server's certificate first. */
    public List<X509Certificate> chain() {
        return loaded.chain();
    }

    /**
     * The server end of a TLS connection over {@code plain}, not yet shaken hands; closing it closes
     * {@code plain} too.
     */
    public SSLSocket layer(Socket plain) throws IOException {
        Loaded current = reloadIfChanged();
        SSLSocket socket = (SSLSocket) current.context().getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.setSSLParameters(current.parameters());
        return socket;
    }

    /** Loads the files again now if they changed; returns true if a new certificate is in use. */
    public boolean reload() {
        Loaded before = loaded;
        lastCheck = 0;
        return reloadIfChanged().context() != before.context();
    }

    private Loaded reloadIfChanged() {
        Loaded current = loaded;
        long now = System.currentTimeMillis();
        if (now - lastCheck < CHECK_INTERVAL_MILLIS) {
            return current;
        }
        lastCheck = now;
        List<FileTime> stamps = source.stamps();
        if (stamps.equals(current.stamps())) {
            return current;
        }
        synchronized (this) {
            if (loaded != current) {
                return loaded;
            }
            try {
                loaded = load(source);
                LOG.info("event=tls-reloaded source=\"{}\" subject=\"{}\" expires={}", source,
                        certificate().getSubjectX500Principal().getName(), certificate().getNotAfter().toInstant());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // Keep serving with the certificate we have; the files may be half-written (retry next check).
                loaded = new Loaded(current.context(), current.parameters(), current.chain(), stamps);
                LOG.warn("event=tls-reload-failed source=\"{}\" reason=\"{}\"", source, e.getMessage());
            }
            return loaded;
        }
    }

    private record Loaded(SSLContext context, SSLParameters parameters, List<X509Certificate> chain, List<FileTime> stamps) {
    }

    private static Loaded load(KeySource source) throws IOException, GeneralSecurityException {
        List<FileTime> stamps = source.stamps();
        KeyStore.PrivateKeyEntry entry = source.load();
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : entry.getCertificateChain()) {
            chain.add((X509Certificate) certificate);
        }
        checkKeyMatches(entry.getPrivateKey(), chain.getFirst(), source);
        char[] password = "mailroom".toCharArray();   // only guards this in-memory store
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", entry.getPrivateKey(), password, entry.getCertificateChain());
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new Loaded(context, parameters(context), List.copyOf(chain), stamps);
    }

    private static SSLParameters parameters(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        parameters.setCipherSuites(CIPHER_SUITES.stream().filter(supported::contains).toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        parameters.setNeedClientAuth(false);
        return parameters;
    }

    /** A key that does not belong to the certificate would fail every handshake: say so at start-up instead. */
    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate, KeySource source)
            throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "mailroom key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        try {
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException mismatch) {
            // a key of another type than the certificate's
        }
        throw new GeneralSecurityException(source + ": the private key does not belong to the certificate "
                + certificate.getSubjectX500Principal().getName());
    }

    /** Where the key and certificate come from, and how to tell that they changed. */
    private sealed interface KeySource {
        KeyStore.PrivateKeyEntry load() throws IOException, GeneralSecurityException;

        List<Path> files();

        default List<FileTime> stamps() {
            List<FileTime> stamps = new ArrayList<>();
            for (Path file : files()) {
                try {
                    stamps.add(Files.getLastModifiedTime(file));
                } catch (IOException e) {
                    stamps.add(FileTime.fromMillis(-1));   // gone for now: a change to check again later
                }
            }
            return Collections.unmodifiableList(stamps);
        }

        record Pem(Path certificate, Path key) implements KeySource {
            @Override
            public KeyStore.PrivateKeyEntry load() throws IOException, GeneralSecurityException {
                List<X509Certificate> chain = PemFiles.certificates(certificate);
                return new KeyStore.PrivateKeyEntry(PemFiles.privateKey(key), chain.toArray(Certificate[]::new));
            }

            @Override
            public List<Path> files() {
                return List.of(certificate, key);
            }

            @Override
            public String toString() {
                return certificate + " " + key;
            }
        }

        record Pkcs12(Path keystore, char[] password) implements KeySource {
            @Override
            public KeyStore.PrivateKeyEntry load() throws IOException, GeneralSecurityException {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keystore)) {
                    store.load(in, password);
                }
                for (String alias : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(alias)) {
                        KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(password));
                        if (entry instanceof KeyStore.PrivateKeyEntry privateKey) {
                            return privateKey;
                        }
                    }
                }
                throw new GeneralSecurityException(keystore + ": no private key entry");
            }

            @Override
            public List<Path> files() {
                return List.of(keystore);
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
                return keystore.toString();   // never the password
            }
        }
    }
}
