package dev.mailroom.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.e2e.RawSmtpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailroom serve} as a relay in a child JVM, SIGKILLed while it waits for the remote reply to the end of
 * data: after a restart the message is delivered, not lost; and recipients delivered before the kill are not sent
 * again.
 */
class RelayCrashTest {
    @TempDir
    Path work;

    @Test
    void aMessageInDeliveryWhenTheRelayDiesIsDeliveredAfterTheRestart() throws Exception {
        CountDownLatch inData = new CountDownLatch(1);
        try (LoopbackDns dns = new LoopbackDns();
             ScriptedMx mx = new ScriptedMx("127.0.0.2", 0, new ScriptedMx.Script() {
                 @Override
                 public String afterData(int connection, String message) {
                     if (message.contains("Subject: hang") && connection <= 2) {
                         inData.countDown();
                         sleep(Duration.ofSeconds(60));   // the relay is killed meanwhile
                         return null;
                     }
                     return ScriptedMx.Script.super.afterData(connection, message);
                 }
             })) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.2");
            Path data = work.resolve("data");
            List<String> args = List.of("--data", data.toString(), "--hostname", "relay.test", "--domain", "local.test",
                    "--relay-network", "127.0.0.1/32", "--dns", "127.0.0.1:" + dns.address().getPort(),
                    "--delivery-port", Integer.toString(mx.port()), "--retry-schedule", "1s", "--queue-lifetime", "60s");

            Child first = Child.start(args, work.resolve("first.log"));
            try (RawSmtpClient client = RawSmtpClient.connect(first.port)) {
                client.reply();
                client.command("EHLO client.test");
                client.startData("alice@local.test", "done@remote.test");
                assertThat(client.command("Subject: fine\r\n\r\nfirst\r\n.")).startsWith("250 ");
                await().atMost(Duration.ofSeconds(15)).until(() -> mx.accepted().size() == 1);
                client.startData("alice@local.test", "bob@remote.test");
                assertThat(client.command("Subject: hang\r\n\r\nsecond\r\n.")).startsWith("250 ");
            }
            assertThat(inData.await(15, TimeUnit.SECONDS)).isTrue();
            first.kill();

            Child second = Child.start(args, work.resolve("second.log"));
            try {
                // Connection 1 delivered "fine", connection 2 hung in "hang"; the retry after the restart is
                // connection 3, which accepts.
                await().atMost(Duration.ofSeconds(20)).until(() -> mx.accepted().size() == 2);
                assertThat(mx.accepted().get(1).recipients()).containsExactly("<bob@remote.test>");
                assertThat(mx.accepted().get(1).data()).contains("second");
                await().atMost(Duration.ofSeconds(10)).until(() -> RelayServerTest.isEmpty(data.resolve("queue/entries")));
                Thread.sleep(500);
                assertThat(mx.accepted()).hasSize(2);   // "fine" was not sent again
            } finally {
                second.kill();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code mailroom serve} in a child JVM on a free loopback port. */
    private record Child(Process process, int port) {
        static Child start(List<String> args, Path log) throws IOException, InterruptedException {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), "dev.mailroom.cli.MailroomCommand", "serve",
                    "--listen", "127.0.0.1:" + port));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (process.isAlive() && System.nanoTime() < deadline) {
                try (Socket socket = new Socket()) {
                    // A greeting, not just a connection: see ChildServer.awaitAccepting.
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    socket.setSoTimeout(5000);
                    if (new String(socket.getInputStream().readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII).equals("220 ")) {
                        return new Child(process, port);
                    }
                    Thread.sleep(50);
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("the relay did not start:\n" + Files.readString(log));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();   // SIGKILL
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
