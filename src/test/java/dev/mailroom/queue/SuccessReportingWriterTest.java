package dev.mailroom.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.protocol.MailParameters;
import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.Transaction;
import dev.mailroom.storage.MessageWriter;
import dev.mailroom.storage.StoredMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuccessReportingWriterTest {
    private static final Mailbox CAROL = new Mailbox("carol", "l.test");
    private static final Transaction TRANSACTION = new Transaction("client.test", true, false, Optional.empty(),
            Optional.of(new Mailbox("alice", "l.test")), List.of(CAROL), MailParameters.NONE, Map.of());
    private static final byte[] MESSAGE = "Received: x\r\nSubject: hi\r\n\r\nThe body.\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Keeps the message in memory; commit always succeeds. */
    private static final class MemoryWriter implements MessageWriter {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public String id() {
            return "M1";
        }

        @Override
        public OutputStream body() {
            return body;
        }

        @Override
        public StoredMessage commit() {
            return new StoredMessage("M1", TRANSACTION, List.of(), body.size());
        }

        @Override
        public void abort() {
        }
    }

    @Test
    void afterTheMessageIsStoredTheReporterGetsItsRecipientsAndHeaderSection() throws IOException {
        MemoryWriter delivery = new MemoryWriter();
        List<String> reported = new ArrayList<>();
        MessageWriter writer = new SuccessReportingWriter(delivery, List.of(CAROL),
                (message, recipients, headers) -> reported.add(message.id() + " " + recipients + " " + headers));
        writer.body().write(MESSAGE);

        assertThat(writer.commit().id()).isEqualTo("M1");
        assertThat(delivery.body.toByteArray()).isEqualTo(MESSAGE);
        assertThat(reported).containsExactly("M1 [carol@l.test] Received: x\r\nSubject: hi\r\n");
    }

    @Test
    void aReportThatCannotBeMadeLeavesTheMessageAccepted() throws IOException {
        MessageWriter writer = new SuccessReportingWriter(new MemoryWriter(), List.of(CAROL), (message, recipients, headers) -> {
            throw new IOException("No space left on device");
        });
        writer.body().write(MESSAGE);

        assertThat(writer.commit().size()).isEqualTo(MESSAGE.length);
    }
}
