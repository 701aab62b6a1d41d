package dev.mailroom.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mailroom reload} finds the running {@code serve} of a data directory and makes it re-read its file. */
class ReloadCommandTest {

    @Test
    void reloadAppliesTheChangedFileToNewConnections(@TempDir Path work) throws Exception {
        Path data = work.resolve("data");
        Path config = work.resolve("mailroom.toml");
        Files.writeString(config, "[limits]\nmax-message-size = 1000000\n");
        try (ChildServer server = ChildServer.start(data, "reload.test", work.resolve("server.log"), "--config", config.toString())) {
            assertThat(advertisedSize(server)).isEqualTo("SIZE 1000000");
            Files.writeString(config, "[limits]\nmax-message-size = 2000000\n");

            StringWriter out = new StringWriter();
            int status = reload(data, out, new StringWriter());

            assertThat(status).isZero();
            assertThat(out.toString()).contains("Sent SIGHUP", Long.toString(server.pid()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(advertisedSize(server)).isEqualTo("SIZE 2000000"));
        }
    }

    @Test
    void withoutARunningServerReloadSaysSoAndFails(@TempDir Path work) {
        StringWriter err = new StringWriter();
        assertThat(reload(work, new StringWriter(), err)).isEqualTo(1);
        assertThat(err.toString()).contains("no running server for");
    }

    private static int reload(Path data, StringWriter out, StringWriter err) {
        CommandLine command = new CommandLine(new dev.mailroom.cli.MailroomCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute("reload", "--data", data.toString());
    }

    /** The SIZE line of a new connection's EHLO reply. */
    private static String advertisedSize(ChildServer server) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 10_000);
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            in.readLine();
            socket.getOutputStream().write("EHLO client.test\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("250-SIZE ") || line.startsWith("250 SIZE ")) {
                    return line.substring(4);
                }
            }
            return "no SIZE line";
        }
    }
}
