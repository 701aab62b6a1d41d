package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.testkit.MailroomExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When storage cannot take a message: 452 4.3.1 for a short disk, 451 4.3.0 for a failure, nothing kept. */
class StorageFailureTest {

    @Nested
    class DiskShortOfSpace {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.minFreeSpace(Long.MAX_VALUE / 4));

        @Test
        void mailIs452AndTheSessionGoesOn() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
                assertThat(client.command("MAIL FROM:<alice@sender.test>")).isEqualTo(Replies.INSUFFICIENT_STORAGE_452.wire());
                assertThat(client.command("RCPT TO:<bob@localhost>")).isEqualTo(Replies.NEED_MAIL_503.wire());
                assertThat(client.command("NOOP")).isEqualTo(Replies.OK_250.wire());
                assertThat(MaildirFiles.all(mailroom.server())).isEmpty();
            }
        }
    }

    @Nested
    class CommitFails {
        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test"));

        /** Sends one message on a session; returns the reply to its end of data. */
        private String send(RawSmtpClient client, String... recipients) throws IOException {
            client.startData("alice@sender.test", recipients).send("Subject: storage\r\n\r\nHello\r\n.\r\n");
            return client.reply();
        }

        /**
         * Delivers once to {@code localPart} (so its Maildir exists and the store knows it), then replaces its
         * new/ folder by a regular file: the next commit's hard link into new/ fails. Tests run as root, so
         * taking permissions away would not stop the server.
         */
        private Path breakNewFolderOf(RawSmtpClient client, String localPart) throws Exception {
            String queued = send(client, localPart + "@example.test");
            assertThat(queued).isEqualTo(Replies.QUEUED_250.with(mailroom.awaitMessages(1).getFirst().id()).wire());
            Path maildir = MaildirFiles.maildir(mailroom.server(), "example.test", localPart);
            try (Stream<Path> paths = Files.walk(maildir.resolve("new"))) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
            Files.writeString(maildir.resolve("new"), "not a folder");
            return maildir;
        }

        @Test
        void aFailedCommitIs451LeavesNothingAndTheNextMessageToAnotherMailboxIsStored() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
                breakNewFolderOf(client, "bob");

                assertThat(send(client, "bob@example.test")).isEqualTo(Replies.LOCAL_ERROR_451.wire());
                assertThat(MaildirFiles.all(mailroom.server())).isEmpty();
                assertThat(mailroom.messages()).hasSize(1);   // only the first delivery, before the failure

                String queued = send(client, "carol@example.test");
                ReceivedMessage stored = mailroom.awaitMessages(2).getLast();
                assertThat(queued).isEqualTo(Replies.QUEUED_250.with(stored.id()).wire());
                assertThat(MaildirFiles.all(mailroom.server())).containsExactlyElementsOf(stored.files());
            }
        }

        @Test
        void aCommitThatFailsForOneRecipientShowsTheMessageToNoneOfThem() throws Exception {
            try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
                breakNewFolderOf(client, "bob");

                // alice's new/ is linked first and works; bob's fails. A 451 must mean nobody has it.
                assertThat(send(client, "alice@example.test", "bob@example.test")).isEqualTo(Replies.LOCAL_ERROR_451.wire());
                assertThat(MaildirFiles.all(mailroom.server())).isEmpty();
            }
        }
    }
}
