package dev.mailroom.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Real certificates for TLS tests, made by the JDK's own {@code keytool}: a test certificate authority, and
 * server certificates for {@code localhost} and {@code 127.0.0.1} that it signs, each as a PKCS#12 keystore
 * (key and chain) and as PEM files (the chain, server certificate first, and a PKCS#8 key). Clients trust
 * the authority, not the server certificate itself, so its dates are checked as in real life (PKIX does not
 * check the dates of a trust anchor).
 */
public final class TestCertificates {
    public static final char[] PASSWORD = "test-password".toCharArray();

    private final Path directory;
    private final Path authorityKeystore;
    private final X509Certificate authority;

    /** One server certificate in both forms, with the authority that signed it. */
    public record Issued(Path keystore, Path certificatePem, Path keyPem, X509Certificate certificate,
                         X509Certificate authority) {
        /** A client context that trusts the test authority only, with the JDK's default checks. */
        public SSLContext trustingClient() throws GeneralSecurityException, IOException {
            return clientTrusting(authority);
        }
    }

    private TestCertificates(Path directory, Path authorityKeystore, X509Certificate authority) {
        this.directory = directory;
        this.authorityKeystore = authorityKeystore;
        this.authority = authority;
    }

    /** A new certificate authority in {@code directory}. */
    public static TestCertificates authority(Path directory) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        Path keystore = directory.resolve("authority.p12");
        keytool("-genkeypair", "-alias", "authority", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Mailroom Test CA",
                "-ext", "bc:c", "-startdate", "-10d", "-validity", "3650", "-keystore", keystore.toString());
        return new TestCertificates(directory, keystore, (X509Certificate) load(keystore).getCertificate("authority"));
    }

    /** A server certificate valid from yesterday for a year. */
    public Issued valid(String name) throws IOException, GeneralSecurityException {
        return issue(name, "-1d", 365);
    }

    /** A server certificate that expired yesterday (valid for 30 days, from 31 days ago). */
    public Issued expired(String name) throws IOException, GeneralSecurityException {
        return issue(name, "-31d", 30);
    }

    public Issued issue(String name, String startDate, int validityDays) throws IOException, GeneralSecurityException {
        Path own = directory.resolve(name + "-own.p12");
        Path request = directory.resolve(name + ".csr");
        Path signed = directory.resolve(name + ".signed.pem");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-keystore", own.toString());
        keytool("-certreq", "-alias", name, "-keystore", own.toString(), "-file", request.toString());
        keytool("-gencert", "-alias", "authority", "-keystore", authorityKeystore.toString(), "-rfc",
                "-infile", request.toString(), "-outfile", signed.toString(),
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth",
                "-startdate", startDate, "-validity", Integer.toString(validityDays));
        PrivateKey key = (PrivateKey) load(own).getKey(name, PASSWORD);
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(signed)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Certificate[] chain = {certificate, authority};

        Path keystore = directory.resolve(name + ".p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(name, key, PASSWORD, chain);
        try (var out = Files.newOutputStream(keystore)) {
            store.store(out, PASSWORD);
        }
        Path certificatePem = directory.resolve(name + ".crt.pem");
        Path keyPem = directory.resolve(name + ".key.pem");
        Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()) + pem("CERTIFICATE", authority.getEncoded()),
                StandardCharsets.US_ASCII);
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        return new Issued(keystore, certificatePem, keyPem, certificate, authority);
    }

    /** A TLS client context whose only trust anchor is {@code anchor}, with the JDK's default checks. */
    public static SSLContext clientTrusting(X509Certificate anchor) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("anchor", anchor);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static KeyStore load(Path keystore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-noprompt", "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        run(command);
    }

    /** Runs a command and returns what it printed; fails if it fails. */
    static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }
}
