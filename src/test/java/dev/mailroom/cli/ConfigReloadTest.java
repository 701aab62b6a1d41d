package dev.mailroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailroom.config.ConfigFile;
import dev.mailroom.e2e.RawSmtpClient;
import dev.mailroom.server.MailroomServer;
import dev.mailroom.server.RelayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What SIGHUP runs: the file read again, applied when good, refused with a clear line when not. */
class ConfigReloadTest {
    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(ConfigReload.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Path file;
    private MailroomServer server;
    private ConfigReload reload;

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("mailroom.toml");
        write("first.test", 100);
        server = ConfigFile.read(file).settings().server().build().start();
        reload = new ConfigReload(() -> ConfigFile.read(file).settings(), server);
        logger.setLevel(Level.INFO);
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(lines);
        server.stop();
    }

    @Test
    void aGoodFileIsApplied() throws Exception {
        write("second.test", 200);

        assertThat(reload.reload()).isTrue();

        assertThat(server.config().hostname()).isEqualTo("second.test");
        assertThat(server.config().maxRecipients()).isEqualTo(200);
        try (RawSmtpClient client = RawSmtpClient.connect(server.port())) {
            assertThat(client.reply()).startsWith("220 second.test ");
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("event=reloaded");
    }

    @Test
    void aBadFileIsRefusedAndTheRunningConfigurationKept() throws Exception {
        write("second.test", 10);

        assertThat(reload.reload()).isFalse();

        assertThat(server.config().hostname()).isEqualTo("first.test");
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "event=reload-refused keeping=running-configuration problem=\"" + file
                        + ":7:1: limits.max-recipients: must be at least 100, got 10\"");
        assertThat(lines.list.getFirst().getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void aChangeThatNeedsARestartIsRefused() throws Exception {
        Files.writeString(file, Files.readString(file).replace("127.0.0.1:0", "127.0.0.2:0"));

        assertThat(reload.reload()).isFalse();

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "event=reload-refused keeping=running-configuration problem=\"listen can change only with a restart\"");
    }

    @Test
    void relayNetworksApplyAtOnceAndTheOtherRelaySettingsWaitForARestart() throws Exception {
        write("first.test", 100, """
                [relay]
                relay-networks = ["127.0.0.30/32"]
                retry-schedule = ["1m"]
                """);

        assertThat(reload.reload()).isTrue();

        assertThat(server.relayConfig().relayNetworks()).containsExactly("127.0.0.30/32");
        assertThat(server.relayConfig().retrySchedule()).isEqualTo(RelayConfig.DEFAULT.retrySchedule());
        try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.30", server.port())) {
            client.reply();
            client.command("EHLO client.test");
            client.command("MAIL FROM:<alice@first.test>");
            assertThat(client.command("RCPT TO:<bob@elsewhere.test>")).startsWith("250 ");
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "event=reload-needs-restart keys=relay.retry-schedule keeping=running-values", "event=reloaded");
        assertThat(lines.list.getFirst().getLevel()).isEqualTo(Level.WARN);
    }

    private void write(String hostname, int maxRecipients) throws Exception {
        write(hostname, maxRecipients, "");
    }

    private void write(String hostname, int maxRecipients, String moreTables) throws Exception {
        Files.writeString(file, """
                [server]
                listen = ["127.0.0.1:0"]
                hostname = "%s"
                [storage]
                data = "%s"
                [limits]
                max-recipients = %d
                """.formatted(hostname, dir.resolve("data"), maxRecipients) + moreTables);
    }
}
