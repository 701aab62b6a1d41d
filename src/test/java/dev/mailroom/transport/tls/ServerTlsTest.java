package dev.mailroom.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.e2e.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates that change on disk, and the self-signed certificate serve makes. */
class ServerTlsTest {
    @TempDir
    Path directory;

    @Test
    void aChangedCertificateIsUsedForNewHandshakesAndABrokenOneKeepsTheOld() throws Exception {
        TestCertificates authority = TestCertificates.authority(directory.resolve("ca"));
        TestCertificates.Issued first = authority.valid("first");
        TestCertificates.Issued second = authority.valid("second");
        Path certificate = directory.resolve("live.crt");
        Path key = directory.resolve("live.key");
        install(first, certificate, key, Instant.now().minusSeconds(60));
        ServerTls tls = ServerTls.pem(certificate, key);
        assertThat(tls.certificate()).isEqualTo(first.certificate());

        assertThat(tls.reload()).as("nothing changed").isFalse();
        install(second, certificate, key, Instant.now());
        assertThat(tls.reload()).isTrue();
        assertThat(tls.certificate()).isEqualTo(second.certificate());

        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nhalf written");
        assertThat(tls.reload()).isFalse();
        assertThat(tls.certificate()).isEqualTo(second.certificate());
    }

    @Test
    void theSelfSignedCertificateIsMadeOnceKeptPrivateAndRemadeForAnotherHostName() throws Exception {
        SelfSignedCertificate.Result made = SelfSignedCertificate.ensure(directory, "mx.example.test");
        assertThat(made.made()).isTrue();
        assertThat(Files.getPosixFilePermissions(made.keystore())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(directory.resolve(SelfSignedCertificate.KEYSTORE + ".password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        ServerTls tls = ServerTls.pkcs12(made.keystore(), made.password());
        assertThat(tls.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=mx.example.test");
        assertThat(tls.certificate().getSubjectAlternativeNames()).contains(java.util.List.of(2, "mx.example.test"));
        byte[] bytes = Files.readAllBytes(made.keystore());

        SelfSignedCertificate.Result again = SelfSignedCertificate.ensure(directory, "mx.example.test");
        assertThat(again.made()).isFalse();
        assertThat(Files.readAllBytes(again.keystore())).isEqualTo(bytes);

        SelfSignedCertificate.Result renamed = SelfSignedCertificate.ensure(directory, "mail.example.test");
        assertThat(renamed.made()).isTrue();
        assertThat(ServerTls.pkcs12(renamed.keystore(), renamed.password()).certificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=mail.example.test");
    }

    private static void install(TestCertificates.Issued issued, Path certificate, Path key, Instant stamp) throws Exception {
        Files.copy(issued.certificatePem(), certificate, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(issued.keyPem(), key, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(certificate, FileTime.from(stamp));
        Files.setLastModifiedTime(key, FileTime.from(stamp));
    }
}
