package dev.mailroom.queue;

import dev.mailroom.delivery.BounceReport;
import dev.mailroom.protocol.Mailbox;
import dev.mailroom.storage.MessageWriter;
import dev.mailroom.storage.StoredMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message writer whose commit, once the message is durable, has the success report of its local recipients made
 * durable too, so the 250 that follows promises both. The message's start is kept as it streams by, for the header
 * section the report returns: the stored copy may already have been moved by a mail reader when the report is made.
 *
 * <p>If the report cannot be made (a full disk), the message is still accepted: it is in the mailboxes and cannot
 * be taken back, and a 451 would only bring a second copy. The failure is logged; the sender gets no report. A
 * crash between the two commits comes before the 250, so the client sends the message again, report and all.
 */
final class SuccessReportingWriter implements MessageWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SuccessReportingWriter.class);

    private final MessageWriter delivery;
    private final List<Mailbox> recipients;
    private final SplitStore.SuccessReporter reporter;
    private final ByteArrayOutputStream start = new ByteArrayOutputStream();
    private final OutputStream body = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            delivery.body().write(bytes, offset, count);
            start.write(bytes, offset, Math.min(count, BounceReport.HEADER_LIMIT - start.size()));
        }
    };

    /** @param recipients the local recipients that asked for a success report */
    SuccessReportingWriter(MessageWriter delivery, List<Mailbox> recipients, SplitStore.SuccessReporter reporter) {
        this.delivery = delivery;
        this.recipients = List.copyOf(recipients);
        this.reporter = reporter;
    }

    @Override
    public String id() {
        return delivery.id();
    }

    @Override
    public OutputStream body() {
        return body;
    }

    @Override
    public StoredMessage commit() throws IOException {
        StoredMessage stored = delivery.commit();
        try {
            reporter.delivered(stored, recipients, BounceReport.headerSection(start.toByteArray(), BounceReport.HEADER_LIMIT));
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=success-report-failed id={} recipients={} reason=\"{}\"", stored.id(), recipients.size(), e.toString());
        }
        return stored;
    }

    @Override
    public void abort() {
        delivery.abort();
    }
}
