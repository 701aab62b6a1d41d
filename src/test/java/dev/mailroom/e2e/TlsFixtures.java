package dev.mailroom.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Certificates shared by the TLS tests, made once per test JVM (keytool takes about a second each) in a
 * temporary directory that is deleted when the JVM exits.
 */
public final class TlsFixtures {
    private static final Path DIRECTORY = createDirectory();
    private static final TestCertificates AUTHORITY = authority();
    public static final TestCertificates.Issued VALID = issue("valid", false);
    static final TestCertificates.Issued EXPIRED = issue("expired", true);

    private TlsFixtures() {
    }

    private static TestCertificates.Issued issue(String name, boolean expired) {
        try {
            return expired ? AUTHORITY.expired(name) : AUTHORITY.valid(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestCertificates authority() {
        try {
            return TestCertificates.authority(DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path createDirectory() {
        try {
            Path directory = Files.createTempDirectory("mailroom-tls-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
