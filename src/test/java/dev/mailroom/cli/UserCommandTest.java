package dev.mailroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.storage.PasswordHashes;
import dev.mailroom.storage.UsersFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailroom user add|remove|list} on a real users file. */
class UserCommandTest {
    @TempDir
    Path directory;

    private static CliRun withStdin(String input, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.run(args);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void addListChangeAndRemoveUsers() throws Exception {
        Path users = directory.resolve("users");

        CliRun added = withStdin("first password\n", "user", "add", "Alice@Example.test", "--users", users.toString(), "--password-stdin");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("added alice@example.test");
        withStdin("bob's\n", "user", "add", "bob@example.test", "--users", users.toString(), "--password-stdin");
        String firstHash = UsersFile.read(users).get("alice@example.test");
        assertThat(PasswordHashes.verify(firstHash, "first password".toCharArray())).isTrue();
        assertThat(Files.readString(users)).doesNotContain("first password");

        CliRun changed = withStdin("second password\n", "user", "add", "alice@example.test", "--users", users.toString(), "--password-stdin");
        assertThat(changed.out()).contains("changed password of alice@example.test");
        assertThat(PasswordHashes.verify(UsersFile.read(users).get("alice@example.test"), "second password".toCharArray())).isTrue();

        assertThat(CliRun.run("user", "list", "--users", users.toString()).out())
                .isEqualTo("alice@example.test" + System.lineSeparator() + "bob@example.test" + System.lineSeparator());

        assertThat(CliRun.run("user", "remove", "alice@example.test", "--users", users.toString()).exitCode()).isZero();
        assertThat(UsersFile.read(users)).containsOnlyKeys("bob@example.test");
        CliRun missing = CliRun.run("user", "remove", "alice@example.test", "--users", users.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no user alice@example.test");
    }

    @Test
    void refusesBadNamesAndEmptyPasswords() {
        Path users = directory.resolve("users");
        assertThat(withStdin("x\n", "user", "add", "a:b", "--users", users.toString(), "--password-stdin").exitCode()).isEqualTo(2);
        assertThat(withStdin("\n", "user", "add", "alice", "--users", users.toString(), "--password-stdin").exitCode()).isEqualTo(2);
        assertThat(users).doesNotExist();
    }

    @Test
    void serveRefusesContradictoryTlsSettings() {
        CliRun half = CliRun.run("serve", "--tls-cert", "cert.pem");
        assertThat(half.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(half.err()).contains("tls.tls-cert and tls.tls-key go together");
        CliRun both = CliRun.run("serve", "--no-tls", "--tls-keystore", "keystore.p12");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(both.err()).contains("tls.no-tls contradicts");
        CliRun noCertificate = CliRun.run("serve", "--no-tls", "--smtps", "127.0.0.1:0", "--users", "users");
        assertThat(noCertificate.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(noCertificate.err()).contains("need a TLS certificate");
        CliRun noUsers = CliRun.run("serve", "--submission", "127.0.0.1:0");
        assertThat(noUsers.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(noUsers.err()).contains("need users (auth.users)");
    }
}
