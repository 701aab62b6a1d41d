package dev.mailroom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.mailroom.server.TlsSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void everyKeyIsReadIntoTheEffectiveConfiguration() throws Exception {
        EffectiveConfig config = read("""
                [server]
                listen = ["127.0.0.1:2525", "[::1]:2526"]
                hostname = "mx.example.test"
                domains = "example.test"
                no-inbound = true
                shutdown-grace = "10s"
                admin = "127.0.0.1:8025"
                [storage]
                data = "/var/lib/mailroom"
                [limits]
                max-message-size = 10_485_760
                max-recipients = 500
                max-connections = 20
                max-connections-per-ip = 5
                max-errors = 3
                idle-timeout = "2m"
                data-timeout = "90s"
                [log]
                log-format = "json"
                log-hash-addresses = true
                """).settings().effective();

        assertThat(config.server().listen()).extracting(HostPort::of).extracting(HostPort::toString)
                .containsExactly("127.0.0.1:2525", "[0:0:0:0:0:0:0:1]:2526");
        assertThat(config.server().hostname()).isEqualTo("mx.example.test");
        assertThat(config.server().domains()).containsExactly("example.test");
        assertThat(config.server().acceptsMail()).isFalse();
        assertThat(config.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.server().admin()).map(HostPort::of).contains(new HostPort("127.0.0.1", 8025));
        assertThat(config.server().dataDirectory()).isEqualTo(Path.of("/var/lib/mailroom"));
        assertThat(config.server().maxMessageSize()).isEqualTo(10_485_760);
        assertThat(config.server().maxRecipients()).isEqualTo(500);
        assertThat(config.server().maxConnections()).isEqualTo(20);
        assertThat(config.server().maxConnectionsPerIp()).isEqualTo(5);
        assertThat(config.server().maxErrors()).isEqualTo(3);
        assertThat(config.server().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.server().dataTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config.server().hashAddresses()).isTrue();
    }

    @Test
    void theTlsAndAuthKeysMakeTheSecurityConfiguration() throws Exception {
        EffectiveConfig config = read("""
                [server]
                smtps = "127.0.0.1:465"
                submission = ["127.0.0.1:587", "[::1]:587"]
                [tls]
                tls-cert = "/etc/mailroom/fullchain.pem"
                tls-key = "/etc/mailroom/privkey.pem"
                [auth]
                users = "/etc/mailroom/users"
                any-sender = true
                """).settings().effective();

        assertThat(config.security().tls()).contains(
                new TlsSource.Pem(Path.of("/etc/mailroom/fullchain.pem"), Path.of("/etc/mailroom/privkey.pem")));
        assertThat(config.security().smtps()).extracting(HostPort::of).containsExactly(new HostPort("127.0.0.1", 465));
        assertThat(config.security().submission()).hasSize(2);
        assertThat(config.security().users()).contains(Path.of("/etc/mailroom/users"));
        assertThat(config.security().anySender()).isTrue();
        assertThat(read(config.toToml()).settings().effective()).isEqualTo(config);
    }

    @Test
    void withoutCertificateKeysTheServerMakesASelfSignedOneUnlessTlsIsOff() throws Exception {
        assertThat(read("[tls]\n").settings().effective().security().tls()).contains(new TlsSource.SelfSigned());
        assertThat(read("[tls]\nno-tls = true\n").settings().effective().security().tls()).isEmpty();
        assertThat(read("[tls]\ntls-keystore = \"k.p12\"\ntls-keystore-password = \"pw\"\n").settings().effective()
                .security().tls()).contains(new TlsSource.Pkcs12(Path.of("k.p12"), "pw".toCharArray()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            certificate without key   | [tls]\\ntls-cert = "c.pem"                                  | tls.tls-cert and tls.tls-key go together
            PEM and keystore          | [tls]\\ntls-cert = "c"\\ntls-key = "k"\\ntls-keystore = "s" | not both
            no-tls with a certificate | [tls]\\nno-tls = true\\ntls-keystore = "s"                  | tls.no-tls contradicts
            submission without users  | [server]\\nsubmission = "127.0.0.1:587"                      | need users (auth.users)
            smtps without TLS         | [server]\\nsmtps = "127.0.0.1:465"\\n[tls]\\nno-tls = true\\n[auth]\\nusers = "u" | need a TLS certificate
            """)
    void contradictoryTlsAndAuthSettingsAreRefused(String title, String content, String expected) throws Exception {
        ConfigValues values = read(content.replace("\\n", "\n"));

        assertThatThrownBy(values::settings).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
    }

    @Test
    void theEffectiveConfigurationPrintedIsItselfAValidFileWithTheSameSettings() throws Exception {
        EffectiveConfig first = read("""
                [limits]
                idle-timeout = "90s"
                max-recipients = 250
                """).settings().effective();

        EffectiveConfig again = read(first.toToml()).settings().effective();

        assertThat(again).isEqualTo(first);
        assertThat(first.toToml()).contains("idle-timeout = \"90s\"", "max-recipients = 250", "[storage]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key                | [limits]\\nmax-recipient = 100                 | 2:1: limits.max-recipient: unknown key (keys of [limits]: max-message-size, max-recipients
            key in the wrong table     | [limits]\\nlisten = ["127.0.0.1:25"]            | 2:1: limits.listen: unknown key; did you mean server.listen?
            table not implemented      | [server]\\nhostname = "a"\\n[queue]\\nhost = "x" | 3:1: queue: unknown table (tables: [server], [storage], [relay], [limits], [tls], [auth], [protect], [log])
            unknown key of [tls]       | [tls]\\ncert = "x"                           | 2:1: tls.cert: unknown key (keys of [tls]: tls-cert, tls-key, tls-keystore, tls-keystore-password, no-tls)
            key outside any table      | hostname = "mx"                               | 1:1: hostname: unknown table; did you mean server.hostname?
            wrong type                 | [limits]\\nmax-errors = "ten"                  | 2:1: limits.max-errors: expected an integer at least 1, got the string "ten"
            negative size              | [limits]\\nmax-message-size = -1              | 2:1: limits.max-message-size: must be at least 1, got -1
            too few recipients         | [limits]\\nmax-recipients = 99                | 2:1: limits.max-recipients: must be at least 100, got 99
            bad duration               | [limits]\\nidle-timeout = "5 minutes"         | 2:1: limits.idle-timeout: expected a duration such as 30s, 5m or 2h, got '5 minutes'
            zero duration              | [server]\\nshutdown-grace = "0s"              | 2:1: server.shutdown-grace: a duration must be positive, got '0s'
            duration as a number       | [limits]\\ndata-timeout = 300                 | 2:1: limits.data-timeout: expected a duration such as "30s", "5m" or "2h", got the integer 300
            port out of range          | [server]\\nadmin = "127.0.0.1:70000"          | 2:1: server.admin: port out of range in '127.0.0.1:70000'
            address without port       | [server]\\nlisten = ["127.0.0.1"]             | 2:1: server.listen: item 1: expected HOST:PORT, got '127.0.0.1'
            empty list                 | [server]\\ndomains = []                       | 2:1: server.domains: expected at least one value
            name with a space          | [server]\\nhostname = "mail host"             | 2:1: server.hostname: expected a name without spaces, got 'mail host'
            flag as a string           | [server]\\nno-inbound = "yes"                 | 2:1: server.no-inbound: expected true or false, got the string "yes"
            unknown log format         | [log]\\nlog-format = "xml"                    | 2:1: log.log-format: expected one of "text", "json", got 'xml'
            syntax error               | [limits]\\nmax-errors = = 3                   | 2:14: Unexpected '=', expected
            """)
    void aBadFileIsRejectedWithFileLineAndKey(String title, String content, String expected) throws IOException {
        Path file = write(content.replace("\\n", "\n"));

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":" + expected);
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() throws IOException {
        Path file = write("""
                [limits]
                max-errors = 0
                max-recipients = 1
                """);

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(file + ":2:1: limits.max-errors: must be at least 1, got 0",
                                file + ":3:1: limits.max-recipients: must be at least 100, got 1"));
    }

    @Test
    void aMissingFileIsAProblemToo() {
        Path missing = dir.resolve("missing.toml");

        assertThatThrownBy(() -> ConfigFile.read(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": cannot read");
    }

    private ConfigValues read(String content) throws Exception {
        return ConfigFile.read(write(content));
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("mailroom.toml"), content);
    }
}
