package dev.mailroom.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A self-signed certificate for a host name, made with the running JDK's {@code keytool} (the JDK has no
 * public API to create certificates). It is kept as {@code <dir>/self-signed.p12} with its random password in
 * {@code <dir>/self-signed.p12.password}, both readable by the owner only, and made again when it is missing,
 * names another host, or expires within {@link #RENEW_BEFORE}.
 *
 * <p>Good enough for server-to-server STARTTLS, where senders encrypt opportunistically without checking the
 * certificate; clients that do check (mail programs on the submission port) need a real one.
 */
public final class SelfSignedCertificate {
    public static final String KEYSTORE = "self-signed.p12";
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final int VALIDITY_DAYS = 365;
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private SelfSignedCertificate() {
    }

    /** The certificate for {@code hostname} in {@code directory}, made now if needed. */
    public static Result ensure(Path directory, String hostname) throws IOException, GeneralSecurityException {
        String name = HOST_NAME.matcher(hostname).matches() ? hostname : "localhost";
        Path keystore = directory.resolve(KEYSTORE);
        Path passwordFile = directory.resolve(KEYSTORE + ".password");
        if (Files.exists(keystore) && Files.exists(passwordFile)) {
            char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
            if (stillGood(keystore, password, name)) {
                return new Result(keystore, password, false);
            }
        }
        Files.createDirectories(directory);
        char[] password = randomPassword();
        Path temporary = directory.resolve(KEYSTORE + ".new");
        Files.deleteIfExists(temporary);
        generate(temporary, password, name, "-1d", VALIDITY_DAYS);   // a day back: clocks differ
        ownerOnly(temporary);
        Path temporaryPassword = directory.resolve(KEYSTORE + ".password.new");
        Files.writeString(temporaryPassword, new String(password) + "\n", StandardCharsets.US_ASCII);
        ownerOnly(temporaryPassword);
        Files.move(temporaryPassword, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(temporary, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(keystore, password, true);
    }

    /** The outcome of {@link #ensure}: the keystore, its password, and whether it was made just now. */
    public record Result(Path keystore, char[] password, boolean made) {
    }

    /**
     * Runs {@code keytool -genkeypair}: an RSA 2048 key (what every TLS client accepts) and a SHA-256 certificate
     * for {@code hostname}, with it as subject alternative name too.
     *
     * @param startDate keytool's {@code -startdate}, e.g. {@code -1d}
     */
    public static void generate(Path keystore, char[] password, String hostname, String startDate, int validityDays)
            throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", "mailroom", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-dname", "CN=" + hostname, "-ext", "SAN=dns:" + hostname,
                "-startdate", startDate, "-validity", Integer.toString(validityDays),
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:env", "MAILROOM_STOREPASS");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MAILROOM_STOREPASS", new String(password));   // not on the command line: ps shows it
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within 2 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool failed (exit " + process.exitValue() + "): " + output.strip());
        }
    }

    private static boolean stillGood(Path keystore, char[] password, String hostname) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    return certificate.getSubjectX500Principal().getName().equals("CN=" + hostname)
                            && certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
                }
            }
            return false;
        } catch (IOException | GeneralSecurityException unreadable) {
            return false;
        }
    }

    private static char[] randomPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply
        }
    }
}
