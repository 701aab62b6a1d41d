package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailroom.reply.Reply;
import java.nio.charset.StandardCharsets;

/**
 * Any octets as a command line: the parser never throws, and what it returns keeps its promises — a refusal is
 * 500, 501, 553 or 555 with a reply line that fits RFC 5321's 512 octets; an accepted path is at most 256
 * octets; a HELO name is one word without control characters.
 *
 * <p>Plain {@code mvn test} runs this in regression mode (an empty input and each file under
 * {@code src/test/resources/dev/mailroom/protocol/CommandParserFuzzTestInputs/}). To fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=CommandParserFuzzTest -Dsurefire.argLine="-XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED"}
 * (the argLine drops the pom's {@code -Djazzer.hooks=false}: without hooks there is no coverage feedback).
 */
class CommandParserFuzzTest {
    private static final int MAX_REPLY_LINE = 512;

    @FuzzTest(maxDuration = "2m")
    @DictionaryEntries({"MAIL FROM:<", "RCPT TO:<", "EHLO ", "BDAT ", " LAST", "@", ">", " SIZE=", " BODY=8BITMIME",
            " SMTPUTF8", "[IPv6:", "postmaster", "\\\"", "\\\\", "DATA", "RSET", "VRFY ", "@a,@b:", " RET=FULL", " ENVID=",
            " NOTIFY=SUCCESS,FAILURE", " NOTIFY=NEVER", " ORCPT=rfc822;", "+2B", "+0D"})
    void parsesAnyLine(byte[] line) {
        for (boolean utf8Addresses : new boolean[] {false, true}) {
            Command command = CommandParser.parse(line, 0, line.length, utf8Addresses);
            keepsItsPromises(command);
            if (isAscii(line)) {
                assertThat(CommandParser.parse(new String(line, StandardCharsets.US_ASCII), utf8Addresses)).isEqualTo(command);
            }
        }
    }

    private static void keepsItsPromises(Command command) {
        switch (command) {
            case Command.Hello hello -> assertThat(hello.domain()).isNotEmpty().doesNotContain(" ").matches("[^\\p{Cntrl}]+");
            case Command.Mail mail -> {
                mail.sender().ifPresent(CommandParserFuzzTest::fitsInAPath);
                // Decoded xtext ends up in a report's fields: no line break may hide in it.
                mail.parameters().dsn().envelopeId().ifPresent(id -> assertThat(id).matches("[ -~]{1,100}"));
            }
            case Command.Recipient recipient -> {
                fitsInAPath(recipient.recipient());
                recipient.dsn().originalRecipient().ifPresent(original -> assertThat(original.address()).matches("[ -~]+"));
                assertThat(recipient.recipient().domain().isEmpty()).isEqualTo(recipient.recipient().isBarePostmaster());
            }
            case Command.Bdat bdat -> assertThat(bdat.size()).isNotNegative();
            case Command.Malformed malformed -> {
                Reply reply = malformed.reply();
                assertThat(reply.code()).isIn(500, 501, 553, 555);
                for (String wireLine : reply.wire().split("\r\n")) {
                    assertThat(wireLine.getBytes(StandardCharsets.UTF_8).length + 2).as(wireLine).isLessThanOrEqualTo(MAX_REPLY_LINE);
                }
            }
            case Command.Data data -> { }
            case Command.StartTls startTls -> { }
            case Command.Auth auth -> assertThat(auth.mechanism()).isNotEmpty().doesNotContain(" ");
            case Command.Simple simple -> { }
            case Command.NotImplemented notImplemented -> assertThat(notImplemented.name()).isNotBlank();
            case Command.Unrecognized unrecognized -> { }
        }
    }

    /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, brackets included. */
    private static void fitsInAPath(Mailbox mailbox) {
        assertThat(mailbox.toString().getBytes(StandardCharsets.UTF_8).length + 2).isLessThanOrEqualTo(256);
    }

    private static boolean isAscii(byte[] line) {
        for (byte b : line) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
