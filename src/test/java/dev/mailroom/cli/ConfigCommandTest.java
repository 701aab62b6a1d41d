package dev.mailroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.config.ConfigException;
import dev.mailroom.config.EffectiveConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int mailroom(String... args) {
        return new CommandLine(new MailroomCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void theExamplePassesItsOwnCheck() throws IOException {
        assertThat(mailroom("config", "example")).isZero();
        Path example = Files.writeString(dir.resolve("example.toml"), out.toString());
        out.getBuffer().setLength(0);

        assertThat(mailroom("config", "check", example.toString())).isZero();

        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).startsWith("# " + example + ": valid.")
                .contains("[server]", "hostname = \"mail.example.test\"", "[limits]", "max-recipients = 100");
    }

    @Test
    void theDistributedConfigurationPassesTheCheck() {
        assertThat(mailroom("config", "check", "dist/mailroom.toml")).as(err.toString()).isZero();
    }

    @Test
    void checkRejectsABadFileWithExitStatus78() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.toml"), "[limits]\nmax-recipients = 10\n");

        assertThat(mailroom("config", "check", file.toString())).isEqualTo(78);

        assertThat(err.toString()).contains(file + ":2:1: limits.max-recipients: must be at least 100, got 10");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("mailroom.toml"), """
                [limits]
                max-recipients = 150
                idle-timeout = "1m"
                [server]
                domains = ["file.test"]
                """);

        EffectiveConfig config = serve("--config", file.toString(), "--max-recipients", "200", "--domain", "a.test",
                "--domain", "b.test", "--listen", "127.0.0.1:0", "--data", dir.toString()).effective();

        assertThat(config.server().maxRecipients()).isEqualTo(200);
        assertThat(config.server().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.server().domains()).containsExactly("a.test", "b.test");
    }

    @Test
    void aFlagWithAnImpossibleValueIsAUsageError() {
        assertThat(mailroom("serve", "--max-recipients", "10")).isEqualTo(2);

        assertThat(err.toString()).contains("--max-recipients", "must be at least 100, got 10");
    }

    @Test
    void anAddressInUseStopsTheStartBeforeAnyListenerOpens() throws IOException {
        int free = freePort();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path file = Files.writeString(dir.resolve("mailroom.toml"), """
                    [server]
                    listen = ["127.0.0.1:%d",
                              "127.0.0.1:%d"]
                    [storage]
                    data = "%s"
                    """.formatted(free, taken.getLocalPort(), dir.resolve("data")));

            assertThat(mailroom("serve", "--config", file.toString())).isEqualTo(78);

            assertThat(err.toString()).contains("mailroom: " + file + ":2:1: server.listen: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort());
            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", free), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void anUnwritableDataDirectoryStopsTheStart() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        assertThat(mailroom("serve", "--listen", "127.0.0.1:0", "--data", notADirectory.resolve("data").toString()))
                .isEqualTo(78);

        assertThat(err.toString()).contains("mailroom: --data: storage.data: cannot write to " + notADirectory.resolve("data"));
    }

    private dev.mailroom.config.Settings serve(String... args) throws ConfigException {
        CommandLine commandLine = new CommandLine(new MailroomCommand());
        commandLine.parseArgs(prepend("serve", args));
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        return serve.checkedSettings();
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
