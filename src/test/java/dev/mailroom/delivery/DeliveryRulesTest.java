package dev.mailroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.ReplyClassifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The delivery-side table of DESIGN.md, reply by reply. */
class DeliveryRulesTest {
    private final DeliveryRules rules = new DeliveryRules(new ReplyClassifier(ReplyCatalog.standard()));

    @ParameterizedTest(name = "greeting {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "220 mx.example ESMTP            | CONTINUE",
        "421 4.3.2 shutting down         | NEXT_HOST",
        "450 4.7.1 busy                  | NEXT_HOST",
        "521 5.3.2 no mail here          | HOST_REFUSES",
        "554 5.7.1 no service for you    | HOST_REFUSES",
    })
    void greeting(String reply, Verdict expected) {
        assertThat(rules.atGreeting(ReceivedReply.parse(reply))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "command {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "250 2.1.5 ok                    | CONTINUE",
        "354 go ahead                    | CONTINUE",
        "421 4.4.2 idle too long         | NEXT_HOST",
        "451 4.7.1 greylisted            | DEFER",
        "452 4.5.3 too many recipients   | DEFER",
        "552 5.5.3 too many recipients   | DEFER",
        "550 5.1.1 no such user          | BOUNCE",
        "554 5.6.0 content rejected      | BOUNCE",
        "553 5.1.3 bad address           | BOUNCE",
    })
    void command(String reply, Verdict expected) {
        assertThat(rules.atCommand(ReceivedReply.parse(reply))).isEqualTo(expected);
    }
}
