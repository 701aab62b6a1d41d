package dev.mailroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.protocol.RecipientDsn;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BounceReportTest {
    private static final ZonedDateTime ARRIVAL = ZonedDateTime.parse("2026-03-01T10:00:00Z");

    private static RecipientState bounced(String address, String reply, boolean expired) {
        return new RecipientState(address, RecipientDsn.NONE, RecipientStatus.BOUNCED, expired ? 4 : 0, Optional.empty(), Optional.of(reply),
                Optional.of("mx.r.test[192.0.2.1]"), expired);
    }

    @Test
    void aReportInThreeParts() {
        String report = new String(BounceReport.build("relay.test", "alice@l.test", "Q1", ARRIVAL, ARRIVAL.plusMinutes(1),
                List.of(bounced("a@r.test", "550 5.1.1 no such user", false), bounced("b@r.test", "451 4.7.1 greylisted", true),
                        bounced("c@r.test", "554 transaction failed", false)),
                "Received: x\r\nSubject: hi\r\n", "BOUNDARY", "id@relay.test"), StandardCharsets.UTF_8);

        assertThat(report).startsWith("From: Mail Delivery System <MAILER-DAEMON@relay.test>\r\nTo: <alice@l.test>\r\n")
                .contains("Auto-Submitted: auto-replied\r\n")
                .contains("boundary=\"BOUNDARY\"")
                .contains("<a@r.test>: host mx.r.test[192.0.2.1] said: 550 5.1.1 no such user\r\n")
                .contains("<b@r.test>: delivery time expired; the last attempt got: 451 4.7.1 greylisted\r\n")
                .contains("Reporting-MTA: dns; relay.test\r\n")
                .contains("Arrival-Date: Sun, 1 Mar 2026 10:00:00 +0000\r\n")
                .contains("Final-Recipient: rfc822; a@r.test\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                .contains("Final-Recipient: rfc822; b@r.test\r\nAction: failed\r\nStatus: 5.4.7\r\n")
                .contains("Final-Recipient: rfc822; c@r.test\r\nAction: failed\r\nStatus: 5.0.0\r\n")
                .contains("Diagnostic-Code: smtp; 451 4.7.1 greylisted\r\n")
                .contains("Content-Type: text/rfc822-headers\r\n\r\nReceived: x\r\nSubject: hi\r\n")
                .endsWith("\r\n--BOUNDARY--\r\n");
    }

    @Test
    void theHeaderSectionEndsAtTheFirstEmptyLine() {
        byte[] message = "A: 1\r\nB: 2\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(BounceReport.headerSection(message, 1000)).isEqualTo("A: 1\r\nB: 2\r\n");
        assertThat(BounceReport.headerSection("A: 1\r\n".getBytes(StandardCharsets.US_ASCII), 1000)).isEqualTo("A: 1\r\n");
    }
}
