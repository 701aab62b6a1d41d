package dev.mailroom.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailroom.e2e.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key and certificate files as openssl writes them (the form certbot, acme.sh and most guides produce), read
 * with the JDK alone. Tests that need the openssl command are skipped where it is missing.
 */
class PemFilesTest {
    @TempDir
    static Path directory;
    static TestCertificates.Issued issued;

    @BeforeAll
    static void issue() throws Exception {
        issued = TestCertificates.authority(directory).valid("server");
    }

    @Test
    void readsTheWholeChainInOrderAndAPkcs8Key() throws Exception {
        assertThat(PemFiles.certificates(issued.certificatePem())).containsExactly(issued.certificate(), issued.authority());
        PrivateKey key = PemFiles.privateKey(issued.keyPem());
        assertThat(key).isInstanceOf(RSAPrivateCrtKey.class);
        assertThat(ServerTls.pem(issued.certificatePem(), issued.keyPem()).chain()).hasSize(2);
    }

    @Test
    void readsAPkcs1RsaKeyAsOpensslWritesItWithTraditional() throws Exception {
        Path pkcs1 = directory.resolve("pkcs1.pem");
        openssl("rsa", "-in", issued.keyPem().toString(), "-traditional", "-out", pkcs1.toString());
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        PrivateKey key = PemFiles.privateKey(pkcs1);

        assertThat(key.getEncoded()).isEqualTo(PemFiles.privateKey(issued.keyPem()).getEncoded());
        assertThat(ServerTls.pem(issued.certificatePem(), pkcs1).certificate()).isEqualTo(issued.certificate());
    }

    @Test
    void readsASec1EcKeyAndItsCertificate() throws Exception {
        Path sec1 = directory.resolve("ec.pem");
        Path certificate = directory.resolve("ec.crt");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", sec1.toString());
        openssl("req", "-x509", "-key", sec1.toString(), "-subj", "/CN=localhost", "-days", "2", "-out", certificate.toString());
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        assertThat(PemFiles.privateKey(sec1)).isInstanceOf(ECPrivateKey.class);
        assertThat(ServerTls.pem(certificate, sec1).certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void readsAnEd25519Key() throws Exception {
        Path ed25519 = directory.resolve("ed25519.pem");
        openssl("genpkey", "-algorithm", "ed25519", "-out", ed25519.toString());

        assertThat(PemFiles.privateKey(ed25519).getAlgorithm()).isIn("Ed25519", "EdDSA");
    }

    @Test
    void refusesAnEncryptedKeyWithAHint() throws Exception {
        Path encrypted = directory.resolve("encrypted.pem");
        openssl("pkcs8", "-topk8", "-in", issued.keyPem().toString(), "-v2", "aes-256-cbc", "-passout", "pass:secret",
                "-out", encrypted.toString());

        assertThatThrownBy(() -> PemFiles.privateKey(encrypted)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("encrypted").hasMessageContaining("openssl");
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheCertificate() throws Exception {
        TestCertificates.Issued other = TestCertificates.authority(directory.resolve("other")).valid("other");

        assertThatThrownBy(() -> ServerTls.pem(issued.certificatePem(), other.keyPem()))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void saysWhatIsMissing() throws IOException {
        Path empty = Files.writeString(directory.resolve("empty.pem"), "nothing here\n");

        assertThatThrownBy(() -> PemFiles.certificates(empty)).hasMessageContaining("no BEGIN CERTIFICATE");
        assertThatThrownBy(() -> PemFiles.privateKey(issued.certificatePem())).hasMessageContaining("no BEGIN PRIVATE KEY");
    }

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            assumeTrue(false, "openssl is not installed");
            return;
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
