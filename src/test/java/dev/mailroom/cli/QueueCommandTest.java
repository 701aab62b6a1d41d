package dev.mailroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.delivery.RecipientResult;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.delivery.RetrySchedule;
import dev.mailroom.protocol.BodyType;
import dev.mailroom.protocol.DsnReturn;
import dev.mailroom.protocol.MailParameters;
import dev.mailroom.protocol.MessageDsn;
import dev.mailroom.protocol.Notify;
import dev.mailroom.protocol.OriginalRecipient;
import dev.mailroom.protocol.RecipientDsn;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueCommandTest {
    @TempDir
    Path data;

    private QueueEntry queued() throws Exception {
        MailQueue queue = MailQueue.open(data.resolve("queue"), Clock.systemUTC(), true);
        QueueEntry entry;
        SequencedMap<String, RecipientDsn> recipients = new LinkedHashMap<>();
        recipients.put("bob@remote.test", new RecipientDsn(Optional.of(Notify.NEVER), Optional.of(new OriginalRecipient("rfc822", "b+1@x.test"))));
        recipients.put("carol@remote.test", RecipientDsn.NONE);
        try (MailQueue.QueueWriter writer = queue.begin(Optional.of("alice@local.test"), new MailParameters(OptionalLong.empty(),
                BodyType.EIGHT_BIT_MIME, true, new MessageDsn(Optional.of(DsnReturn.HEADERS), Optional.of("E1"))), recipients)) {
            entry = writer.commit();
        }
        QueueEntry deferred = entry.withRecipient("carol@remote.test", r -> r.after(new RecipientResult(
                RecipientStatus.DEFERRED, "451 4.7.1 greylisted", Optional.of("mx.remote.test")), entry.queuedAt(),
                entry.queuedAt(), RetrySchedule.DEFAULT));
        queue.update(deferred);
        return deferred;
    }

    @Test
    void listShowRetryDelete() throws Exception {
        QueueEntry entry = queued();
        String dir = data.toString();

        CliRun list = CliRun.run("queue", "list", "--data", dir);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains(entry.id()).contains("from <alice@local.test>")
                .contains("1 pending, 1 deferred, 0 delivered, 0 bounced").contains("1 message(s) queued");

        CliRun show = CliRun.run("queue", "show", entry.id(), "--data", dir);
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("sender:  <alice@local.test> BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=E1\n")
                .contains("<bob@remote.test> NOTIFY=NEVER ORCPT=rfc822;b+2B1@x.test  pending")
                .contains("<carol@remote.test>  deferred").contains("host mx.remote.test")
                .contains("reply: 451 4.7.1 greylisted");

        CliRun retry = CliRun.run("queue", "retry", entry.id(), "--data", dir);
        assertThat(retry.out()).contains("1 message(s) due now");
        QueueEntry after = MailQueue.open(data.resolve("queue"), Clock.systemUTC(), false).read(entry.id()).orElseThrow();
        assertThat(after.recipients().get(1).nextAttempt().orElseThrow()).isBefore(Instant.now().plusSeconds(1));

        assertThat(CliRun.run("queue", "delete", entry.id(), "--data", dir).exitCode()).isZero();
        assertThat(CliRun.run("queue", "show", entry.id(), "--data", dir).exitCode()).isEqualTo(1);
        assertThat(CliRun.run("queue", "delete", entry.id(), "--data", dir).exitCode()).isEqualTo(1);
        assertThat(CliRun.run("queue", "list", "--data", dir).out()).contains("0 message(s) queued");
    }
}
