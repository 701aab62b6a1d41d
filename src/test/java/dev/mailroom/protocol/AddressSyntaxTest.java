package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where Mailroom draws the line between 501 and 553 (PathParser's header says it in prose; this table says it
 * in cases). 501: the structure around the address is wrong — the colon, the angle brackets, what follows the
 * closing bracket, a malformed source route, an empty recipient, a malformed parameter. 553: the structure is
 * right but the mailbox between the brackets is not an allowed name — spaces, forbidden characters, a missing
 * or invalid domain, a local part over 64 octets, a path over 256, non-ASCII without SMTPUTF8 (5.6.7).
 * The enhanced code says whose address it is: 5.1.7 the sender, 5.1.3 a recipient.
 */
class AddressSyntaxTest {

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # --- structure: 501 -------------------------------------------------------------------------------
            MAIL FROM<alice@example.org>                             | 501 5.5.4
            MAIL FROM:alice@example.org                              | 501 5.1.7
            MAIL FROM:<alice@example.org                             | 501 5.1.7
            MAIL FROM:<alice@example.org>x                           | 501 5.1.7
            'MAIL FROM:  <alice@example.org>'                        | 501 5.1.7
            MAIL FROM:<@relay.example.net>                           | 501 5.1.7
            MAIL FROM:<alice@example.org> SIZE=                      | 501 5.5.4
            MAIL FROM:<alice@example.org> BODY=7BIT BODY=7BIT        | 501 5.5.4
            RCPT TO:<>                                               | 501 5.1.3
            RCPT TO bob@example.com                                  | 501 5.5.4
            RCPT TO:<bob@example.com> <carol@example.com>            | 501 5.5.4
            # a quote opened before the '>' hides it: the path never closes
            RCPT TO:<"bob@example.com>                               | 501 5.1.3
            # --- the mailbox name: 553 ---------------------------------------------------------------------------
            'MAIL FROM:<alice smith@example.org>'                    | 553 5.1.7
            MAIL FROM:<alice>                                        | 553 5.1.7
            MAIL FROM:<alice@example_org.com>                        | 553 5.1.7
            MAIL FROM:<alice..smith@example.org>                     | 553 5.1.7
            MAIL FROM:<alice@[192.0.2.300]>                          | 553 5.1.7
            RCPT TO:<bob@@example.com>                               | 553 5.1.3
            RCPT TO:<bob@>                                           | 553 5.1.3
            RCPT TO:<bob@example..com>                               | 553 5.1.3
            RCPT TO:<bob@-example.com>                               | 553 5.1.3
            RCPT TO:<bob@@relay:x>                                   | 553 5.1.3
            RCPT TO:<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com> | 553 5.1.3
            RCPT TO:<jörg@example.com>                               | 553 5.6.7
            MAIL FROM:<jörg@example.org>                             | 553 5.6.7
            # --- a well-formed path whose parameter is unknown: 555 ----------------------------------------------
            MAIL FROM:<alice@example.org> BY=120;R                   | 555 5.5.4
            RCPT TO:<bob@example.com> RRVS=2014-04-03T23:01:00Z      | 555 5.5.4
            # --- accepted ----------------------------------------------------------------------------------------
            MAIL FROM:<>                                             | accepted
            'MAIL FROM: <alice@example.org>'                         | accepted
            mail from:<alice@example.org>                            | accepted
            MAIL FROM:<jörg@example.org> SMTPUTF8                    | accepted
            MAIL FROM:<"alice \\"the\\" smith"@example.org>          | accepted
            MAIL FROM:<alice@[IPv6:2001:db8::1]>                     | accepted
            RCPT TO:<postmaster>                                     | accepted
            RCPT TO:<@a.example,@b.example:bob@example.com>          | accepted
            RCPT TO:<"bob>smith"@example.com>                        | accepted
            MAIL FROM:<alice@example.org> RET=FULL ENVID=x           | accepted
            RCPT TO:<bob@example.com> ORCPT=rfc822;bob@example.com   | accepted
            RCPT TO:<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com> | accepted
            """)
    void theLineBetween501And553(String line, String expected) {
        assertThat(outcome(CommandParser.parse(line, false))).isEqualTo(expected);
    }

    @Test
    void aSmtpUtf8TransactionAcceptsUtf8Recipients() {
        assertThat(outcome(CommandParser.parse("RCPT TO:<用户@bücher.example>", true))).isEqualTo("accepted");
    }

    @Test
    void splitsThePathFromItsParametersAndDropsTheSourceRoute() {
        PathSplit split = PathSplit.of("<@a.example,@b.example:bob@example.com>  SIZE=10 BODY=8BITMIME");

        assertThat(split.error()).isEmpty();
        assertThat(split.mailbox()).isEqualTo("bob@example.com");
        assertThat(split.parameters()).isEqualTo("SIZE=10 BODY=8BITMIME");
    }

    @Test
    void keepsAQuotedLocalPartAsWrittenAndComparesDomainsWithoutCase() {
        PathParser.Result result = PathParser.mailbox("\"bob@home\"@Example.COM", true, false);

        assertThat(result).isEqualTo(new PathParser.Result.Valid(new Mailbox("\"bob@home\"", "Example.COM")));
        assertThat(((PathParser.Result.Valid) result).mailbox().domainKey()).isEqualTo("example.com");
    }

    @Test
    void parsesTheMailParameters() {
        Command command = CommandParser.parse("MAIL FROM:<> size=1000 Body=8bitmime SMTPUTF8", false);

        assertThat(command).isEqualTo(new Command.Mail(Optional.empty(),
                new MailParameters(OptionalLong.of(1000), BodyType.EIGHT_BIT_MIME, true, MessageDsn.NONE)));
    }

    /** "accepted", or the refusal's basic and enhanced code. */
    private static String outcome(Command command) {
        return switch (command) {
            case Command.Mail mail -> "accepted";
            case Command.Recipient recipient -> "accepted";
            case Command.Malformed malformed -> malformed.reply().code() + " " + malformed.reply().enhanced().orElseThrow();
            default -> "unexpected " + command;
        };
    }
}
