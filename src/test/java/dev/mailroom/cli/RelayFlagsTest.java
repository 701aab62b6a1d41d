package dev.mailroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.config.ConfigException;
import dev.mailroom.server.RelayConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The relay's serve flags and [relay] keys come from the same table. */
class RelayFlagsTest {
    @TempDir
    Path dir;

    private RelayConfig serve(String... args) throws ConfigException {
        CommandLine commandLine = new CommandLine(new MailroomCommand());
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        commandLine.parseArgs(all);
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        return serve.checkedSettings().effective().relay();
    }

    @Test
    void relayFlags() throws Exception {
        RelayConfig relay = serve("--listen", "127.0.0.1:0", "--data", dir.toString(),
                "--relay-network", "192.0.2.0/24", "--relay-network", "2001:db8::/32", "--dns", "127.0.0.1:5353",
                "--delivery-port", "2526", "--retry-schedule", "2s,3s,5s", "--queue-lifetime", "40s", "--require-tls");

        assertThat(relay.relayNetworks()).containsExactly("192.0.2.0/24", "2001:db8::/32");
        assertThat(relay.dns().orElseThrow().getPort()).isEqualTo(5353);
        assertThat(relay.deliveryPort()).isEqualTo(2526);
        assertThat(relay.retrySchedule()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5));
        assertThat(relay.queueLifetime()).isEqualTo(Duration.ofSeconds(40));
        assertThat(relay.smartHost()).isEmpty();
        assertThat(relay.requireTls()).isTrue();
    }

    @Test
    void relayKeysInTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("mailroom.toml"), """
                [relay]
                relay-networks = ["10.0.0.0/8"]
                retry-schedule = ["1m", "1h"]
                smart-host = "127.0.0.1:2526"
                """);
        RelayConfig relay = serve("--config", file.toString(), "--listen", "127.0.0.1:0", "--data", dir.toString());

        assertThat(relay.relayNetworks()).containsExactly("10.0.0.0/8");
        assertThat(relay.retrySchedule()).containsExactly(Duration.ofMinutes(1), Duration.ofHours(1));
        assertThat(relay.smartHost().orElseThrow().getPort()).isEqualTo(2526);
    }

    @Test
    void aBadNetworkIsAUsageError() {
        StringWriter err = new StringWriter();
        int status = new CommandLine(new MailroomCommand()).setErr(new PrintWriter(err))
                .execute("serve", "--relay-network", "10.0.0.0/33");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("prefix length out of range");
    }
}
