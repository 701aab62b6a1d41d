package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.server.MailroomServer;
import dev.mailroom.server.ServerConfig;
import dev.mailroom.testkit.MailroomExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A new configuration applied to a running server: nothing in flight is dropped, nothing is lost. */
class ReloadTest {
    private static final int CLIENTS = 6;

    @RegisterExtension
    MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test").hostname("old.test"));

    @Test
    void underLoadEveryMessageIsAcceptedAndNewConnectionsGetTheNewConfiguration() throws Exception {
        MailroomServer server = mailroom.server();
        AtomicBoolean sending = new AtomicBoolean(true);
        try (RawSmtpClient before = RawSmtpClient.connect(mailroom.port());
             ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            assertThat(before.reply()).startsWith("220 old.test ");
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                sent.add(clients.submit(() -> sendUntilStopped(sending)));
            }
            Thread.sleep(300);

            server.reconfigure(config("new.test", server.config().dataDirectory()));
            Thread.sleep(300);
            sending.set(false);
            int total = 0;
            for (Future<Integer> count : sent) {
                total += count.get();   // throws if any client saw anything but success
            }

            assertThat(before.command("EHLO client.test")).startsWith("250-old.test greets");   // kept its settings
            before.startData("a@example.org", "b@example.test");
            assertThat(before.command("Hello.\r\n.")).startsWith("250 ");
            assertThat(mailroom.awaitMessages(total + 1)).hasSize(total + 1);
        }
        try (RawSmtpClient after = RawSmtpClient.connect(mailroom.port())) {
            assertThat(after.reply()).startsWith("220 new.test ");
        }
        assertThat(server.config().hostname()).isEqualTo("new.test");
    }

    @Test
    void aConfigurationThatNeedsARestartIsRefusedAndTheRunningOneKept() {
        MailroomServer server = mailroom.server();
        ServerConfig running = server.config();
        ServerConfig otherData = config("new.test", running.dataDirectory().resolve("elsewhere"));

        assertThatThrownBy(() -> server.reconfigure(otherData)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data can change only with a restart");

        assertThat(server.config()).isSameAs(running);
    }

    /** Sends messages one session after another; every reply must be the expected one. */
    private int sendUntilStopped(AtomicBoolean sending) throws Exception {
        int count = 0;
        while (sending.get()) {
            try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
                client.startData("sender@example.org", "rcpt@example.test");
                assertThat(client.command("Subject: " + count + "\r\n\r\nbody\r\n.")).startsWith("250 ");
                count++;
                assertThat(client.command("QUIT")).startsWith("221 ");
            }
        }
        return count;
    }

    /** The extension's configuration with another host name and data directory. */
    private static ServerConfig config(String hostname, Path data) {
        return MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test").hostname(hostname)
                .dataDirectory(data).config();
    }
}
