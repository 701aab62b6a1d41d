package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The RFC 3461 parameters as parsed from MAIL and RCPT lines, and as written again for the next hop. */
class DsnParametersTest {

    private static MailParameters mail(String parameters) {
        return ((Command.Mail) CommandParser.parse("MAIL FROM:<alice@example.org> " + parameters, false)).parameters();
    }

    private static RecipientDsn rcpt(String parameters) {
        return ((Command.Recipient) CommandParser.parse("RCPT TO:<bob@example.com> " + parameters, false)).dsn();
    }

    @Test
    void retAndEnvidAreParsedAndDecoded() {
        MailParameters parameters = mail("ret=full ENVID=QQ314159+2Bx SIZE=10");

        assertThat(parameters.dsn()).isEqualTo(new MessageDsn(Optional.of(DsnReturn.FULL), Optional.of("QQ314159+x")));
        assertThat(parameters.declaredSize()).isEqualTo(OptionalLong.of(10));
        assertThat(parameters.dsn().returnsFullMessage()).isTrue();
        assertThat(mail("RET=HDRS").dsn().returnsFullMessage()).isFalse();
        assertThat(mail("SIZE=10").dsn()).isEqualTo(MessageDsn.NONE);
    }

    @Test
    void anEnvidOfAtMost100DecodedCharactersIsAccepted() {
        // 98 characters and a hexchar: 101 on the wire, 99 decoded.
        assertThat(mail("ENVID=" + "e".repeat(98) + "+2B").dsn().envelopeId()).contains("e".repeat(98) + "+");
        assertThat(mail("ENVID=" + "e".repeat(100)).dsn().envelopeId()).contains("e".repeat(100));
        assertThat(CommandParser.parse("MAIL FROM:<a@example.org> ENVID=" + "e".repeat(101), false))
                .isEqualTo(new Command.Malformed(Verb.MAIL, Replies.BAD_PARAMETER_501.with("ENVID=" + "e".repeat(101))));
    }

    @Test
    void notifyAndOrcptAreParsedAndDecoded() {
        RecipientDsn dsn = rcpt("NOTIFY=delay,SUCCESS ORCPT=rfc822;bob+2Bold@example.com");

        assertThat(dsn.notifyOn()).contains(Notify.of(Notify.Condition.SUCCESS, Notify.Condition.DELAY));
        assertThat(dsn.originalRecipient()).contains(new OriginalRecipient("rfc822", "bob+old@example.com"));
        assertThat(dsn.reportsSuccess()).isTrue();
        assertThat(dsn.reportsDelay()).isTrue();
        assertThat(dsn.reportsFailure()).isFalse();
        assertThat(rcpt("ORCPT=UTF-8;bob@example.com").originalRecipient()).contains(new OriginalRecipient("UTF-8", "bob@example.com"));
    }

    @Test
    void neverReportsNothingAndNoNotifyLeavesFailureAndDelayToTheMta() {
        RecipientDsn never = rcpt("NOTIFY=NEVER");
        assertThat(never.notifyOn()).contains(Notify.NEVER);
        assertThat(never.reportsFailure() || never.reportsDelay() || never.reportsSuccess()).isFalse();

        RecipientDsn none = rcpt("");
        assertThat(none).isEqualTo(RecipientDsn.NONE);
        assertThat(none.reportsFailure()).isTrue();
        assertThat(none.reportsDelay()).isTrue();
        assertThat(none.reportsSuccess()).isFalse();
    }

    @Test
    void theParametersAreWrittenForTheNextHopAsTheSenderGaveThem() {
        assertThat(rcpt("ORCPT=rfc822;bob+2Bold@example.com NOTIFY=FAILURE,SUCCESS").rcptParameters())
                .isEqualTo(" NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+2Bold@example.com");
        assertThat(rcpt("NOTIFY=never").rcptParameters()).isEqualTo(" NOTIFY=NEVER");
        assertThat(RecipientDsn.NONE.rcptParameters()).isEmpty();
        assertThat(mail("ENVID=a+3Db RET=hdrs").dsn().mailParameters()).isEqualTo(" RET=HDRS ENVID=a+3Db");
        assertThat(MessageDsn.NONE.mailParameters()).isEmpty();
    }

    @Test
    void theOriginalRecipientReadsDecodedInAReport() {
        assertThat(new OriginalRecipient("rfc822", "bob+old@example.com")).hasToString("rfc822;bob+old@example.com");
    }
}
