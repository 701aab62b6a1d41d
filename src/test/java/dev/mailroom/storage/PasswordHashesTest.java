package dev.mailroom.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password hashes and the users file, checked against hashes other tools made. */
class PasswordHashesTest {

    @Test
    void newHashesAreArgon2idWithOwaspParametersAndARandomSalt() {
        String first = PasswordHashes.hash("correct horse".toCharArray());
        String second = PasswordHashes.hash("correct horse".toCharArray());

        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second);
        assertThat(PasswordHashes.verify(first, "correct horse".toCharArray())).isTrue();
        assertThat(PasswordHashes.verify(second, "correct horse".toCharArray())).isTrue();
        assertThat(PasswordHashes.verify(first, "correct horsE".toCharArray())).isFalse();
        assertThat(PasswordHashes.verify(first, "".toCharArray())).isFalse();
    }

    @Test
    void readsWhatTheArgon2ReferenceToolWrites() {
        // echo -n "correct horse" | argon2 saltsaltsalt1234 -id -t 2 -m 15 -p 1 -l 32 -e   (Debian's argon2 package)
        String reference = "$argon2id$v=19$m=32768,t=2,p=1$c2FsdHNhbHRzYWx0MTIzNA$SA/gdxX6qrFcaNMKbKOe4u3rLO+Dy+yLv+lsYzpzhP0";

        assertThat(PasswordHashes.isSupported(reference)).isTrue();
        assertThat(PasswordHashes.verify(reference, "correct horse".toCharArray())).isTrue();
        assertThat(PasswordHashes.verify(reference, "correct horse ".toCharArray())).isFalse();
    }

    @Test
    void readsBcryptAsHtpasswdWritesIt() {
        // OpenBSD's own bcrypt test vector.
        String bcrypt = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

        assertThat(PasswordHashes.verify(bcrypt, "U*U".toCharArray())).isTrue();
        assertThat(PasswordHashes.verify(bcrypt.replace("$2a$", "$2y$"), "U*U".toCharArray())).isTrue();
        assertThat(PasswordHashes.verify(bcrypt, "U*V".toCharArray())).isFalse();
    }

    @Test
    void refusesHashesItCannotReadOrThatWouldCostTooMuch() {
        assertThat(PasswordHashes.isSupported("{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=")).isFalse();
        assertThat(PasswordHashes.isSupported("plaintext")).isFalse();
        assertThat(PasswordHashes.isSupported("$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0MTIzNA$SA/gdxX6qrFcaNMKbKOe4u3rLO+Dy+yLv+lsYzpzhP0"))
                .as("4 GiB of memory per check").isFalse();
        assertThatThrownBy(() -> PasswordHashes.verify("plaintext", "plaintext".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theUsersFileIsWrittenPrivateAndReadBack(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("etc/users");
        String hash = PasswordHashes.hash("s3cret".toCharArray());

        UsersFile.write(file, Map.of("alice@example.test", hash));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).contains("alice@example.test:" + hash + "\n").doesNotContain("s3cret");
        assertThat(UsersFile.read(file)).containsExactly(Map.entry("alice@example.test", hash));
    }

    @Test
    void readsCommentsAndMixedCaseNamesAndSaysWhichLineIsWrong(@TempDir Path directory) throws Exception {
        String bcrypt = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        Path good = Files.writeString(directory.resolve("good"), "# users\n\nBob@Example.TEST:" + bcrypt + "\n");
        Path bad = Files.writeString(directory.resolve("bad"), "# users\nbob@example.test:" + bcrypt + "\ncarol:plain\n");

        assertThat(UsersFile.read(good)).containsExactly(Map.entry("bob@example.test", bcrypt));
        assertThatThrownBy(() -> UsersFile.read(bad)).hasMessageContaining("bad:3:");
    }
}
