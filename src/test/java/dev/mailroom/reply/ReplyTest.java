package dev.mailroom.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replies as they go on the wire (RFC 5321 §4.2, RFC 2034), and the catalogue's own consistency. */
class ReplyTest {

    @Test
    void aSingleLineReplyCarriesItsEnhancedCode() {
        assertThat(Replies.SENDER_OK_250.wire()).isEqualTo("250 2.1.0 Sender ok\r\n");
    }

    @Test
    void aReplyWithoutEnhancedCodeHasNone() {
        assertThat(Replies.GREETING_220.with("mx.example.com").wire()).isEqualTo("220 mx.example.com ESMTP Mailroom\r\n");
    }

    @Test
    void everyLineOfAMultiLineReplyRepeatsTheEnhancedCode() {
        // RFC 2034 §4: the enhanced code follows the reply code on each line; '-' marks all but the last.
        Reply reply = Replies.HELP_214.withLines(List.of("Commands: EHLO HELO", "See RFC 5321"));

        assertThat(reply.wire()).isEqualTo("214-2.0.0 Commands: EHLO HELO\r\n214 2.0.0 See RFC 5321\r\n");
    }

    @Test
    void aMultiLineReplyWithoutEnhancedCodeMarksContinuations() {
        Reply reply = Replies.HELLO_250.withLines(List.of("mx.example.com greets you", "PIPELINING", "SMTPUTF8"));

        assertThat(reply.wire()).isEqualTo("250-mx.example.com greets you\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n");
    }

    @Test
    void fillsPlaceholdersInOrder() {
        Reply reply = Replies.RELAY_DENIED_554.with("bob@example.net");

        assertThat(reply.wire()).isEqualTo("554 5.7.1 <bob@example.net>: Relay access denied\r\n");
        assertThat(reply.code()).isEqualTo(554);
        assertThat(reply.enhanced()).contains(new EnhancedStatus(5, 7, 1));
        assertThat(reply.wireBytes()).asString().isEqualTo(reply.wire());
    }

    @Test
    void cutsAnEchoedArgumentSoEveryLineFitsIn512Octets() {
        String wire = Replies.BAD_PARAMETER_501.with("X".repeat(600)).wire();

        assertThat(wire).hasSize(Reply.MAX_LINE_OCTETS).startsWith("501 5.5.4 Bad parameter syntax: XXX").endsWith("X...\r\n");
    }

    @Test
    void cutsMultiLineRepliesAndUtf8TextOnCharacterBoundaries() {
        Reply reply = Replies.HELLO_250.withLines(List.of("mx greets " + "ü".repeat(300), "SMTPUTF8"));

        String[] lines = reply.wire().split("\r\n");
        assertThat(lines[0]).startsWith("250-mx greets üü").endsWith("ü...");
        assertThat(lines[0].getBytes(StandardCharsets.UTF_8).length + 2).isBetween(Reply.MAX_LINE_OCTETS - 1, Reply.MAX_LINE_OCTETS);
        assertThat(lines[1]).isEqualTo("250 SMTPUTF8");
    }

    @Test
    void leavesALineOfExactly512OctetsWhole() {
        String text = "Y".repeat(Reply.MAX_LINE_OCTETS - "554 5.7.1 <".length() - ">: Relay access denied\r\n".length());

        assertThat(Replies.RELAY_DENIED_554.with(text).wire()).hasSize(Reply.MAX_LINE_OCTETS).contains(text);
    }

    @Test
    void refusesTooFewOrTooManyValues() {
        assertThatThrownBy(() -> Replies.RELAY_DENIED_554.with()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Replies.OK_250.with("extra")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesCodesOutsideTwoToFiveHundreds() {
        assertThatThrownBy(() -> new Reply(199, Optional.empty(), List.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reply(600, Optional.empty(), List.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reply(250, Optional.empty(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesEnhancedCodesStrictly() {
        assertThat(EnhancedStatus.parse("5.7.30")).isEqualTo(new EnhancedStatus(5, 7, 30));
        assertThatThrownBy(() -> EnhancedStatus.parse("3.0.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnhancedStatus.parse("5.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnhancedStatus.parse("5.x.1")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * RFC 3463 §2: the enhanced code's class must agree with the reply's (2.x.x with 2yz, 4.x.x with 4yz, ...).
     * Only the replies RFC 2034 exempts go without one: the greeting, the HELO/EHLO lines, and the 3xx replies
     * (RFC 3463 has no class 3): 354, and 334 whose text is the SASL challenge itself (RFC 4954 §4).
     */
    @Test
    void everyTemplateHasAnEnhancedCodeOfItsOwnClass() {
        List<Reply> templates = Replies.all();
        assertThat(templates).hasSizeGreaterThan(40);
        for (Reply reply : templates) {
            if (reply == Replies.GREETING_220 || reply.code() / 100 == 3 || reply == Replies.HELLO_250) {
                continue;
            }
            assertThat(reply.enhanced()).as(reply.toString()).isPresent();
            assertThat(reply.enhanced().get().statusClass()).as(reply.toString()).isEqualTo(reply.code() / 100);
        }
    }
}
