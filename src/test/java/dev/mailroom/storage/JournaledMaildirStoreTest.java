package dev.mailroom.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.MailParameters;
import dev.mailroom.protocol.Transaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournaledMaildirStoreTest {
    private static final int MEMORY_LIMIT = 1024;
    /** Long enough that no checkpoint runs during a test unless the test asks for one. */
    private static final Duration NO_CHECKPOINT = Duration.ofHours(1);

    @TempDir
    Path data;

    private final Transaction transaction = new Transaction("client.test", true, false, Optional.empty(),
            Optional.of(new Mailbox("alice", "sender.test")),
            List.of(new Mailbox("bob", "example.test"), new Mailbox("carol", "example.test")), MailParameters.NONE, Map.of());

    private MaildirStore maildir() {
        return new MaildirStore(new MaildirLayout(data.resolve("mail"), "example.test"), 0, "host.test");
    }

    private JournaledMaildirStore open() throws IOException {
        return JournaledMaildirStore.open(maildir(), data.resolve("spool"), MEMORY_LIMIT, NO_CHECKPOINT);
    }

    private static StoredMessage store(MessageStore store, Transaction transaction, String content) throws IOException {
        MessageWriter writer = store.begin(transaction);
        writer.body().write(content.getBytes(StandardCharsets.UTF_8));
        return writer.commit();
    }

    @Test
    void smallAndLargeMessagesLandInEveryRecipientsNewFolder() throws IOException {
        String small = "Subject: small\r\n\r\nhello\r\n";
        String large = "Subject: large\r\n\r\n" + "x".repeat(3 * MEMORY_LIMIT) + "\r\n";
        try (JournaledMaildirStore store = open()) {
            for (String content : List.of(small, large)) {
                StoredMessage stored = store(store, transaction, content);
                assertThat(stored.files()).hasSize(2);
                for (Path file : stored.files()) {
                    assertThat(file.getParent().getFileName().toString()).isEqualTo("new");
                    assertThat(Files.readString(file)).isEqualTo("Return-Path: <alice@sender.test>\r\n" + content);
                }
            }
        }
        assertThat(filesUnder("tmp")).isEmpty();
    }

    @Test
    void recoveryRepairsAMessageWhoseFileNeverReachedTheDisk() throws IOException {
        String content = "Subject: journaled\r\n\r\nsafe in the journal\r\n";
        JournaledMaildirStore store = open();
        StoredMessage stored = store(store, transaction, content);
        Path bobsCopy = stored.files().getFirst();
        closeAsACrashWould(store);
        // A file system may lose the data of a file that was renamed but never synced (power cut).
        Files.write(bobsCopy, new byte[0]);

        try (JournaledMaildirStore reopened = open()) {
            assertThat(Files.readString(bobsCopy)).isEqualTo("Return-Path: <alice@sender.test>\r\n" + content);
            assertThat(Files.readString(stored.files().get(1))).isEqualTo("Return-Path: <alice@sender.test>\r\n" + content);
            assertThat(reopened.hasRoomFor(1)).isTrue();
        }
        assertThat(filesUnder("new")).hasSize(2);   // repaired in place, never duplicated
    }

    @Test
    void aFailedPlacementIsCancelledSoRecoveryDoesNotDeliverIt() throws IOException {
        JournaledMaildirStore store = open();
        Path carolsNew = data.resolve("mail/example.test/carol/new");
        store(store, transaction, "Subject: warm-up\r\n\r\n.\r\n");   // creates the Maildirs
        Files.walk(carolsNew).sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        Files.writeString(carolsNew, "not a directory");
        MessageWriter writer = store.begin(transaction);
        writer.body().write("Subject: doomed\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThatThrownBy(writer::commit).isInstanceOf(IOException.class);
        Files.delete(carolsNew);
        Files.createDirectory(carolsNew);
        closeAsACrashWould(store);

        try (JournaledMaildirStore reopened = open()) {
            assertThat(filesUnder("new")).hasSize(2)   // the warm-up for Bob and Carol, nothing else
                    .allSatisfy(file -> assertThat(Files.readString(file)).contains("warm-up"));
        }
    }

    /** Closes the store but puts back the journal as it was before the final checkpoint trimmed it. */
    private void closeAsACrashWould(JournaledMaildirStore store) throws IOException {
        Path spool = data.resolve("spool");
        Path kept = Files.createDirectories(data.resolve("journal-before-crash"));
        try (Stream<Path> segments = Files.list(spool)) {
            for (Path segment : segments.toList()) {
                Files.copy(segment, kept.resolve(segment.getFileName()));
            }
        }
        store.close();
        try (Stream<Path> segments = Files.list(kept)) {
            for (Path segment : segments.toList()) {
                Files.move(segment, spool.resolve(segment.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private List<Path> filesUnder(String folder) throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("mail"))) {
            return files.filter(Files::isRegularFile).filter(file -> file.getParent().getFileName().toString().equals(folder)).toList();
        }
    }
}
