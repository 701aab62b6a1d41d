package dev.mailroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.protocol.OriginalRecipient;
import dev.mailroom.protocol.RecipientDsn;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BounceReportTest {
    private static final ZonedDateTime ARRIVAL = ZonedDateTime.parse("2026-03-01T10:00:00Z");
    private static final BounceReport.Context CONTEXT = new BounceReport.Context("relay.test", "alice@l.test", "Q1", ARRIVAL,
            Optional.empty(), ARRIVAL.plusMinutes(1), "BOUNDARY", "id@relay.test");
    private static final byte[] HEADERS = "Received: x\r\nSubject: hi\r\n".getBytes(StandardCharsets.US_ASCII);

    private static RecipientState settled(String address, RecipientStatus status, String reply, boolean expired, RecipientDsn dsn) {
        return new RecipientState(address, dsn, status, expired ? 4 : 0, Optional.empty(), Optional.of(reply),
                Optional.of("mx.r.test[192.0.2.1]"), expired, false);
    }

    private static RecipientState bounced(String address, String reply, boolean expired) {
        return settled(address, RecipientStatus.BOUNCED, reply, expired, RecipientDsn.NONE);
    }

    private static String text(BounceReport.Report report, byte[] content) {
        return new String(report.around(content), StandardCharsets.UTF_8);
    }

    @Test
    void aReportInThreeParts() {
        String report = text(BounceReport.failed(CONTEXT,
                List.of(bounced("a@r.test", "550 5.1.1 no such user", false), bounced("b@r.test", "451 4.7.1 greylisted", true),
                        bounced("c@r.test", "554 transaction failed", false)), BounceReport.Returned.HEADERS), HEADERS);

        assertThat(report).startsWith("From: Mail Delivery System <MAILER-DAEMON@relay.test>\r\nTo: <alice@l.test>\r\n")
                .contains("Subject: Undelivered Mail Returned to Sender\r\n")
                .contains("Auto-Submitted: auto-replied\r\n")
                .contains("boundary=\"BOUNDARY\"")
                .contains("<a@r.test>: host mx.r.test[192.0.2.1] said: 550 5.1.1 no such user\r\n")
                .contains("<b@r.test>: delivery time expired; the last attempt got: 451 4.7.1 greylisted\r\n")
                .contains("Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; relay.test\r\n"
                        + "Arrival-Date: Sun, 1 Mar 2026 10:00:00 +0000\r\nX-Mailroom-Queue-ID: Q1\r\n")
                .contains("\r\n\r\nFinal-Recipient: rfc822; a@r.test\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                .contains("Final-Recipient: rfc822; b@r.test\r\nAction: failed\r\nStatus: 5.4.7\r\n")
                .contains("Final-Recipient: rfc822; c@r.test\r\nAction: failed\r\nStatus: 5.0.0\r\n")
                .contains("Diagnostic-Code: smtp; 451 4.7.1 greylisted\r\n")
                .contains("Content-Description: Undelivered Message Headers\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                        + "Received: x\r\nSubject: hi\r\n\r\n--BOUNDARY--\r\n")
                .doesNotContain("Original-Envelope-Id", "Original-Recipient")
                .endsWith("\r\n--BOUNDARY--\r\n");
    }

    @Test
    void envidAndOrcptAreQuotedDecodedInTheirFields() {
        BounceReport.Context withEnvid = new BounceReport.Context("relay.test", "alice@l.test", "Q1", ARRIVAL,
                Optional.of("QQ 1+2=3"), ARRIVAL.plusMinutes(1), "BOUNDARY", "id@relay.test");
        RecipientDsn orcpt = new RecipientDsn(Optional.empty(), Optional.of(new OriginalRecipient("rfc822", "bob+old@l.test")));
        String report = text(BounceReport.failed(withEnvid,
                List.of(settled("bob@r.test", RecipientStatus.BOUNCED, "550 5.1.1 gone", false, orcpt)),
                BounceReport.Returned.HEADERS), HEADERS);

        // RFC 3464 §2.2.1 and §2.3.1: Original-Envelope-Id comes first of the per-message fields, Original-Recipient
        // first of the recipient's.
        assertThat(report).contains("Content-Type: message/delivery-status\r\n\r\nOriginal-Envelope-Id: QQ 1+2=3\r\n"
                        + "Reporting-MTA: dns; relay.test\r\n")
                .contains("\r\n\r\nOriginal-Recipient: rfc822;bob+old@l.test\r\nFinal-Recipient: rfc822; bob@r.test\r\n"
                        + "Action: failed\r\nStatus: 5.1.1\r\n");
    }

    @Test
    void retFullReturnsTheWholeMessageAsMessageRfc822() {
        byte[] message = "Received: x\r\nSubject: hi\r\n\r\nThe body, all of it.\r\n".getBytes(StandardCharsets.US_ASCII);
        String report = text(BounceReport.failed(CONTEXT, List.of(bounced("a@r.test", "550 5.1.1 no such user", false)),
                BounceReport.Returned.MESSAGE), message);

        assertThat(report).contains("Content-Description: Undelivered Message\r\nContent-Type: message/rfc822\r\n\r\n"
                        + "Received: x\r\nSubject: hi\r\n\r\nThe body, all of it.\r\n\r\n--BOUNDARY--\r\n")
                .doesNotContain("text/rfc822-headers", "too large");
    }

    @Test
    void aMessageTooLargeToReturnGoesBackByItsHeadersAndTheTextSaysSo() {
        String report = text(BounceReport.failed(CONTEXT, List.of(bounced("a@r.test", "550 5.1.1 no such user", false)),
                BounceReport.Returned.HEADERS_OF_LARGE_MESSAGE), HEADERS);

        assertThat(report).contains("The message was too large to return whole; its headers are attached.\r\n")
                .contains("Content-Type: text/rfc822-headers\r\n\r\nReceived: x\r\n")
                .doesNotContain("message/rfc822");
    }

    @Test
    void aRelayedReportSaysSoWithTheRemoteSuccessStatus() {
        String report = text(BounceReport.relayed(CONTEXT,
                List.of(settled("a@r.test", RecipientStatus.DELIVERED, "250 2.0.0 queued as X1", false, RecipientDsn.NONE),
                        settled("b@r.test", RecipientStatus.DELIVERED, "250 ok", false, RecipientDsn.NONE))), HEADERS);

        assertThat(report).contains("Subject: Successful Mail Delivery Report\r\n")
                .contains("<a@r.test>: host mx.r.test[192.0.2.1] said: 250 2.0.0 queued as X1\r\n")
                .contains("Final-Recipient: rfc822; a@r.test\r\nAction: relayed\r\nStatus: 2.0.0\r\n"
                        + "Remote-MTA: dns; mx.r.test\r\nDiagnostic-Code: smtp; 250 2.0.0 queued as X1\r\n")
                .contains("Final-Recipient: rfc822; b@r.test\r\nAction: relayed\r\nStatus: 2.0.0\r\n")
                .contains("Content-Description: Message Headers\r\nContent-Type: text/rfc822-headers\r\n");
    }

    @Test
    void aDeliveredReportNamesEachLocalRecipientWithStatus200AndNoRemoteHost() {
        BounceReport.Context withEnvid = new BounceReport.Context("relay.test", "alice@l.test", "M1", ARRIVAL,
                Optional.of("abc"), ARRIVAL, "BOUNDARY", "id@relay.test");
        RecipientDsn orcpt = new RecipientDsn(Optional.empty(), Optional.of(new OriginalRecipient("rfc822", "carol@l.test")));
        String report = text(BounceReport.delivered(withEnvid,
                List.of(RecipientState.deliveredHere("carol@l.test", orcpt), RecipientState.deliveredHere("dan@l.test", RecipientDsn.NONE))),
                HEADERS);

        assertThat(report).contains("Subject: Successful Mail Delivery Report\r\n")
                .contains("<carol@l.test>: delivered to mailbox\r\n<dan@l.test>: delivered to mailbox\r\n")
                .contains("Content-Type: message/delivery-status\r\n\r\nOriginal-Envelope-Id: abc\r\n")
                .contains("\r\n\r\nOriginal-Recipient: rfc822;carol@l.test\r\nFinal-Recipient: rfc822; carol@l.test\r\n"
                        + "Action: delivered\r\nStatus: 2.0.0\r\n\r\nFinal-Recipient: rfc822; dan@l.test\r\n"
                        + "Action: delivered\r\nStatus: 2.0.0\r\n\r\n--BOUNDARY")
                .contains("Content-Description: Message Headers\r\nContent-Type: text/rfc822-headers\r\n\r\nReceived: x\r\n")
                .doesNotContain("Remote-MTA", "Diagnostic-Code", "remote host");
    }

    @Test
    void theHeaderSectionEndsAtTheFirstEmptyLine() {
        byte[] message = "A: 1\r\nB: 2\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(BounceReport.headerSection(message, 1000)).isEqualTo("A: 1\r\nB: 2\r\n");
        assertThat(BounceReport.headerSection("A: 1\r\n".getBytes(StandardCharsets.US_ASCII), 1000)).isEqualTo("A: 1\r\n");
    }
}
