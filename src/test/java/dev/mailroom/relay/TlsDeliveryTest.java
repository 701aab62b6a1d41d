package dev.mailroom.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.delivery.DeliveryRules;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.ReplyClassifier;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opportunistic STARTTLS outbound: used when offered, with a self-signed certificate; required on request. */
class TlsDeliveryTest {
    private static SSLContext serverTls;

    @TempDir
    Path directory;

    /** A self-signed certificate made by this JDK's keytool, as an MX host on the Internet might have. */
    @BeforeAll
    static void certificate(@TempDir Path keys) throws Exception {
        Path store = keys.resolve("mx.p12");
        Path keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "mx", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=mx.tls.test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys2 = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys2.init(keyStore, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys2.getKeyManagers(), null, null);
    }

    private QueueEntry deliver(ScriptedMx mx, LoopbackDns dns, boolean requireTls) throws Exception {
        MailQueue queue = MailQueue.open(directory, Clock.systemUTC(), true);
        QueueEntry entry;
        try (MailQueue.QueueWriter writer = queue.begin(Optional.of("alice@local.test"), List.of("bob@tls.test"))) {
            writer.body().write("Subject: secret\r\n\r\nover TLS\r\n".getBytes(StandardCharsets.US_ASCII));
            entry = writer.commit();
        }
        RelaySettings settings = RelaySettings.defaults("relay.test").withPort(mx.port())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)).withRequireTls(requireTls);
        return new DeliveryAgent(queue, dns.resolver(), settings, new DeliveryRules(new ReplyClassifier(ReplyCatalog.standard())))
                .attempt(entry);
    }

    @Test
    void starttlsIsUsedWhenOffered() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.7", 0, new ScriptedMx.Script() { }, serverTls)) {
            dns.a("tls.test", "127.0.0.7");
            QueueEntry after = deliver(mx, dns, true);

            assertThat(after.recipients().getFirst().status()).isEqualTo(RecipientStatus.DELIVERED);
            assertThat(mx.accepted()).singleElement().satisfies(accepted -> {
                assertThat(accepted.tls()).isTrue();
                assertThat(accepted.data()).contains("over TLS");
            });
            assertThat(mx.commands()).containsSubsequence("EHLO relay.test", "STARTTLS", "EHLO relay.test", "MAIL FROM:<alice@local.test>");
        }
    }

    @Test
    void withoutStarttlsMailGoesInClearUnlessTlsIsRequired() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.7", 0, new ScriptedMx.Script() { })) {
            dns.a("tls.test", "127.0.0.7");
            QueueEntry required = deliver(mx, dns, true);
            assertThat(required.recipients().getFirst().status()).isEqualTo(RecipientStatus.DEFERRED);
            assertThat(required.recipients().getFirst().lastReply().orElseThrow()).startsWith("451 4.7.10");
            assertThat(mx.accepted()).isEmpty();

            QueueEntry opportunistic = deliver(mx, dns, false);
            assertThat(opportunistic.recipients().getFirst().status()).isEqualTo(RecipientStatus.DELIVERED);
            assertThat(mx.accepted()).singleElement().extracting(ScriptedMx.Accepted::tls).isEqualTo(false);
        }
    }
}
