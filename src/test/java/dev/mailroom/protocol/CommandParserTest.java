package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Command lines into commands: verbs, HELO names, BDAT sizes, and the octet-level checks before any of that. */
class CommandParserTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("EHLO client.example.org", new Command.Hello(Verb.EHLO, "client.example.org")),
                // Some clients add a comment after the name; the name alone is kept.
                Arguments.of("helo client.example.org (Postfix)", new Command.Hello(Verb.HELO, "client.example.org")),
                Arguments.of("EHLO [192.0.2.1]", new Command.Hello(Verb.EHLO, "[192.0.2.1]")),
                Arguments.of("BDAT 1000", new Command.Bdat(1000, false)),
                Arguments.of("bdat 0 last", new Command.Bdat(0, true)),
                Arguments.of("BDAT 999999999999999999 LAST", new Command.Bdat(999_999_999_999_999_999L, true)),
                Arguments.of("DATA", new Command.Data()),
                Arguments.of("qUiT", new Command.Simple(Verb.QUIT)),
                Arguments.of("RSET ", new Command.Simple(Verb.RSET)),
                Arguments.of("NOOP anything at all", new Command.Simple(Verb.NOOP)),
                Arguments.of("VRFY bob", new Command.Simple(Verb.VRFY)),
                Arguments.of("HELP", new Command.Simple(Verb.HELP)),
                Arguments.of("EXPN staff", new Command.Simple(Verb.EXPN)),
                Arguments.of("turn", new Command.NotImplemented(Verb.NOT_OFFERED, "TURN")),
                Arguments.of("ETRN example.org", new Command.NotImplemented(Verb.NOT_OFFERED, "ETRN")),
                Arguments.of("StartTLS", new Command.StartTls()),
                Arguments.of("auth plain AGFsaWNlAHNlY3JldA==", new Command.Auth("PLAIN", java.util.Optional.of("AGFsaWNlAHNlY3JldA=="))),
                Arguments.of("AUTH LOGIN", new Command.Auth("LOGIN", java.util.Optional.empty())),
                Arguments.of("AUTH", new Command.Malformed(Verb.AUTH, Replies.AUTH_SYNTAX_501)),
                Arguments.of("AUTH PLAIN a b", new Command.Malformed(Verb.AUTH, Replies.AUTH_SYNTAX_501)),
                Arguments.of("STARTTLS ", new Command.StartTls()),
                Arguments.of("STARTTLS x", new Command.Malformed(Verb.STARTTLS, Replies.NO_ARGUMENTS_ALLOWED_501.with("STARTTLS"))),
                Arguments.of("XYZZY", new Command.Unrecognized()),
                Arguments.of("", new Command.Unrecognized()),
                Arguments.of(" MAIL FROM:<a@example.org>", new Command.Unrecognized()),
                Arguments.of("EHLO", new Command.Malformed(Verb.EHLO, Replies.HELLO_SYNTAX_501.with("EHLO"))),
                Arguments.of("EHLO " + "a".repeat(256), new Command.Malformed(Verb.EHLO, Replies.HELLO_SYNTAX_501.with("EHLO"))),
                Arguments.of("HELO " + "a".repeat(255), new Command.Hello(Verb.HELO, "a".repeat(255))),
                Arguments.of("BDAT 10 MORE", new Command.Malformed(Verb.BDAT, Replies.BDAT_SYNTAX_501)),
                Arguments.of("BDAT 1000000000000000000", new Command.Malformed(Verb.BDAT, Replies.BDAT_SYNTAX_501)),
                Arguments.of("DATA x", new Command.Malformed(Verb.DATA, Replies.NO_ARGUMENTS_ALLOWED_501.with("DATA"))),
                Arguments.of("NOOP\u0000", new Command.Malformed(Verb.UNKNOWN, Replies.INVALID_CHARACTERS_500)),
                Arguments.of("HELO a\tb", new Command.Malformed(Verb.UNKNOWN, Replies.INVALID_CHARACTERS_500)),
                Arguments.of("NOOP \u007f", new Command.Malformed(Verb.UNKNOWN, Replies.INVALID_CHARACTERS_500)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("lines")
    void parses(String line, Command expected) {
        assertThat(CommandParser.parse(line, false)).isEqualTo(expected);
    }

    @Test
    void readsOnlyTheGivenSliceOfTheBuffer() {
        byte[] buffer = "XXRCPT TO:<bob@example.com>\r\nQUIT".getBytes(StandardCharsets.US_ASCII);

        Command command = CommandParser.parse(buffer, 2, 25, false);

        assertThat(command).isEqualTo(new Command.Recipient(new Mailbox("bob", "example.com"), RecipientDsn.NONE));
    }

    @Test
    void decodesUtf8Octets() {
        byte[] line = "MAIL FROM:<jörg@example.org> SMTPUTF8".getBytes(StandardCharsets.UTF_8);

        Command command = CommandParser.parse(line, 0, line.length, false);

        assertThat(command).isInstanceOfSatisfying(Command.Mail.class,
                mail -> assertThat(mail.sender()).contains(new Mailbox("jörg", "example.org")));
    }

    @Test
    void refusesMalformedUtf8() {
        byte[] line = {'N', 'O', 'O', 'P', ' ', (byte) 0xc3, '('};   // 0xC3 must be followed by a continuation byte

        assertThat(CommandParser.parse(line, 0, line.length, false))
                .isEqualTo(new Command.Malformed(Verb.UNKNOWN, Replies.INVALID_CHARACTERS_500));
    }
}
