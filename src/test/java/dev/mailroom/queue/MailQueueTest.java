package dev.mailroom.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.delivery.RecipientResult;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.delivery.RetrySchedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailQueueTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void aCommittedMessageIsQueuedWithEveryRecipientPending() throws IOException {
        MailQueue queue = MailQueue.open(directory, clock, true);
        QueueEntry entry;
        try (MailQueue.QueueWriter writer = queue.begin(Optional.of("alice@local.test"), List.of("bob@remote.test", "carol@remote.test"))) {
            writer.body().write("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
            entry = writer.commit();
        }

        QueueEntry read = queue.read(entry.id()).orElseThrow();
        assertThat(read).isEqualTo(entry);
        assertThat(read.sender()).contains("alice@local.test");
        assertThat(read.recipients()).extracting(r -> r.status()).containsOnly(RecipientStatus.PENDING);
        assertThat(read.due(NOW)).hasSize(2);
        assertThat(Files.readString(queue.messageFile(entry.id()))).isEqualTo("Subject: hi\r\n\r\nbody\r\n");
        assertThat(queue.entries()).containsExactly(entry);
    }

    @Test
    void anAbortedMessageLeavesNothing() throws IOException {
        MailQueue queue = MailQueue.open(directory, clock, true);
        MailQueue.QueueWriter writer = queue.begin(Optional.empty(), List.of("bob@remote.test"));
        writer.body().write(1);
        writer.abort();

        assertThat(queue.entries()).isEmpty();
        try (var files = Files.walk(directory)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void stateChangesSurviveReopeningAndDeletedEntriesStayDeleted() throws IOException {
        MailQueue queue = MailQueue.open(directory, clock, true);
        QueueEntry entry;
        try (MailQueue.QueueWriter writer = queue.begin(Optional.of("a@l.test"), List.of("b@r.test", "c@r.test"))) {
            entry = writer.commit();
        }
        QueueEntry changed = entry
                .withRecipient("b@r.test", r -> r.after(new RecipientResult(RecipientStatus.DELIVERED, "250 2.0.0 ok",
                        Optional.of("mx.r.test")), entry.queuedAt(), NOW, RetrySchedule.DEFAULT))
                .withRecipient("c@r.test", r -> r.after(new RecipientResult(RecipientStatus.DEFERRED, "451 4.7.1 later\tnow",
                        Optional.of("mx.r.test")), entry.queuedAt(), NOW, RetrySchedule.DEFAULT));
        assertThat(queue.update(changed)).isTrue();

        QueueEntry reread = MailQueue.open(directory, clock, true).read(entry.id()).orElseThrow();
        assertThat(reread.recipients().get(0).status()).isEqualTo(RecipientStatus.DELIVERED);
        assertThat(reread.recipients().get(1).status()).isEqualTo(RecipientStatus.DEFERRED);
        assertThat(reread.recipients().get(1).lastReply()).contains("451 4.7.1 later now");
        assertThat(reread.nextAttempt()).contains(NOW.plusSeconds(300));

        assertThat(queue.delete(entry.id())).isTrue();
        assertThat(queue.update(changed)).isFalse();
        assertThat(queue.read(entry.id())).isEmpty();
        assertThat(queue.delete("../../etc")).isFalse();
    }

    @Test
    void recoveryRemovesWhatACrashBeforeThe250Left() throws IOException {
        MailQueue queue = MailQueue.open(directory, clock, true);
        Files.writeString(directory.resolve("messages/ORPHAN1"), "half");
        Files.writeString(directory.resolve("tmp/X.message"), "partial");

        MailQueue.open(directory, clock, false);
        assertThat(directory.resolve("messages/ORPHAN1")).exists();

        MailQueue.open(directory, clock, true);
        assertThat(directory.resolve("messages/ORPHAN1")).doesNotExist();
        assertThat(directory.resolve("tmp/X.message")).doesNotExist();
        assertThat(queue.entries()).isEmpty();
    }
}
