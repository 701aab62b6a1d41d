package dev.mailroom.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.delivery.RecipientResult;
import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.delivery.RetrySchedule;
import dev.mailroom.protocol.BodyType;
import dev.mailroom.protocol.DsnReturn;
import dev.mailroom.protocol.MailParameters;
import dev.mailroom.protocol.MessageDsn;
import dev.mailroom.protocol.Notify;
import dev.mailroom.protocol.OriginalRecipient;
import dev.mailroom.protocol.RecipientDsn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SequencedMap;
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
    void theDsnParametersOfTheMessageAndEachRecipientSurviveReopeningAndStateChanges() throws IOException {
        MailQueue queue = MailQueue.open(directory, clock, true);
        SequencedMap<String, RecipientDsn> recipients = new LinkedHashMap<>();
        recipients.put("b@r.test", new RecipientDsn(Optional.of(Notify.of(Notify.Condition.SUCCESS, Notify.Condition.FAILURE)),
                Optional.of(new OriginalRecipient("rfc822", "b+old=x@r.test"))));
        recipients.put("c@r.test", new RecipientDsn(Optional.of(Notify.NEVER), Optional.empty()));
        recipients.put("d@r.test", RecipientDsn.NONE);
        QueueEntry entry;
        try (MailQueue.QueueWriter writer = queue.begin(Optional.of("a@l.test"), new MailParameters(OptionalLong.empty(),
                BodyType.SEVEN_BIT, false, new MessageDsn(Optional.of(DsnReturn.FULL), Optional.of("QQ 1+2=3"))), recipients)) {
            entry = writer.commit();
        }
        QueueEntry changed = entry.withRecipient("b@r.test", r -> r.after(new RecipientResult(RecipientStatus.DEFERRED,
                "451 4.7.1 later", Optional.of("mx.r.test")), entry.queuedAt(), NOW, RetrySchedule.DEFAULT))
                .withRecipient("d@r.test", r -> r.after(new RecipientResult(RecipientStatus.DELIVERED, "250 ok",
                        Optional.of("mx.r.test"), true), entry.queuedAt(), NOW, RetrySchedule.DEFAULT));
        assertThat(queue.update(changed)).isTrue();

        QueueEntry reread = MailQueue.open(directory, clock, true).read(entry.id()).orElseThrow();
        assertThat(reread).isEqualTo(changed);
        assertThat(reread.recipient("d@r.test").orElseThrow().dsnPassedOn()).isTrue();
        assertThat(reread.recipient("c@r.test").orElseThrow().dsnPassedOn()).isFalse();
        assertThat(reread.dsn().returnsFullMessage()).isTrue();
        assertThat(reread.dsn().envelopeId()).contains("QQ 1+2=3");
        assertThat(reread.recipients()).extracting(RecipientState::dsn).containsExactlyElementsOf(recipients.values());
        assertThat(reread.recipients().getFirst().status()).isEqualTo(RecipientStatus.DEFERRED);
        // ENVID and ORCPT are written as xtext: nothing in them can break the line format.
        assertThat(Files.readString(directory.resolve("entries").resolve(entry.id())))
                .contains("ret: FULL\nenvid: QQ+201+2B2+3D3\n")
                .contains("\tb@r.test\tmx.r.test\t451 4.7.1 later\tSUCCESS,FAILURE\trfc822;b+2Bold+3Dx@r.test\t-\n")
                .contains("\tc@r.test\t-\t-\tNEVER\t-\t-\n")
                .contains("\td@r.test\tmx.r.test\t250 ok\t-\t-\tdsn-passed-on\n");
    }

    @Test
    void theBodyTypeAndSmtpUtf8SurviveReopeningAndStateChanges() throws IOException {
        MailQueue queue = MailQueue.open(directory, clock, true);
        SequencedMap<String, RecipientDsn> recipients = new LinkedHashMap<>();
        recipients.put("b@r.test", RecipientDsn.NONE);
        QueueEntry binary;
        try (MailQueue.QueueWriter writer = queue.begin(Optional.of("a@l.test"),
                new MailParameters(OptionalLong.of(10), BodyType.BINARY_MIME, true, MessageDsn.NONE), recipients)) {
            binary = writer.commit();
        }
        QueueEntry eightBit;
        try (MailQueue.QueueWriter writer = queue.begin(Optional.of("a@l.test"),
                new MailParameters(OptionalLong.empty(), BodyType.EIGHT_BIT_MIME, false, MessageDsn.NONE), recipients)) {
            eightBit = writer.commit();
        }
        QueueEntry deferred = binary.withRecipient("b@r.test", r -> r.after(new RecipientResult(RecipientStatus.DEFERRED,
                "451 4.7.1 later", Optional.of("mx.r.test")), binary.queuedAt(), NOW, RetrySchedule.DEFAULT)).warned();
        assertThat(queue.update(deferred)).isTrue();

        MailQueue reopened = MailQueue.open(directory, clock, true);
        QueueEntry reread = reopened.read(binary.id()).orElseThrow();
        assertThat(reread).isEqualTo(deferred);
        assertThat(reread.body()).isEqualTo(BodyType.BINARY_MIME);
        assertThat(reread.smtpUtf8()).isTrue();
        assertThat(reopened.read(eightBit.id()).orElseThrow()).extracting(QueueEntry::body, QueueEntry::smtpUtf8)
                .containsExactly(BodyType.EIGHT_BIT_MIME, false);
        assertThat(Files.readString(directory.resolve("entries").resolve(binary.id()))).contains("\nbody: BINARYMIME\nsmtputf8: yes\n");
        // A plain message's entry is as it was before these fields existed.
        QueueEntry plain;
        try (MailQueue.QueueWriter writer = queue.begin(Optional.of("a@l.test"), List.of("b@r.test"))) {
            plain = writer.commit();
        }
        assertThat(Files.readString(directory.resolve("entries").resolve(plain.id()))).doesNotContain("body:").doesNotContain("smtputf8:");
    }

    @Test
    void anEntryWrittenBeforeTheDsnAndBodyFieldsLoadsWithoutThem() throws IOException {
        MailQueue queue = MailQueue.open(directory, clock, true);
        Files.writeString(directory.resolve("entries/OLD1"), EntryFormat.MAGIC + "\nid: OLD1\nqueued: 2026-03-01T09:00:00Z\n"
                + "sender: a@l.test\nrecipient: deferred\t1\t2026-03-01T10:05:00Z\t-\tb@r.test\tmx.r.test\t451 4.7.1 later\n");

        QueueEntry old = queue.read("OLD1").orElseThrow();
        assertThat(old.dsn()).isEqualTo(MessageDsn.NONE);
        assertThat(old.body()).isEqualTo(BodyType.SEVEN_BIT);
        assertThat(old.smtpUtf8()).isFalse();
        RecipientState recipient = old.recipients().getFirst();
        assertThat(recipient.dsn()).isEqualTo(RecipientDsn.NONE);
        // RFC 3461 §4.1: no NOTIFY means failure and delay reports at the MTA's discretion, no success report.
        assertThat(recipient.dsn().reportsFailure()).isTrue();
        assertThat(recipient.dsn().reportsDelay()).isTrue();
        assertThat(recipient.dsn().reportsSuccess()).isFalse();
        assertThat(recipient.lastReply()).contains("451 4.7.1 later");
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
