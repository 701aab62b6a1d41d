package dev.mailroom.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailroom serve} as a real process: SIGTERM drains open sessions with 421 4.3.2 and exits 0. */
class SigtermTest {

    @Test
    void sigtermDrainsOpenSessionsAndExitsZero(@TempDir Path work) throws Exception {
        try (ChildServer server = ChildServer.start(work.resolve("data"), "sigterm.test", work.resolve("server.log"));
             Socket client = new Socket()) {
            client.connect(server.address(), 10_000);
            client.setSoTimeout(30_000);
            BufferedReader replies = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream commands = client.getOutputStream();
            assertThat(replies.readLine()).startsWith("220 ");
            commands.write("HELO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(replies.readLine()).startsWith("250 ");

            int exitStatus = server.terminate();

            assertThat(replies.readLine()).as("what the idle session hears").startsWith("421 4.3.2 ");
            assertThat(exitStatus).as("exit status after SIGTERM; log:%n%s", server.log()).isZero();
            assertThat(server.log()).contains("event=draining", "event=stopped");
        }
    }
}
