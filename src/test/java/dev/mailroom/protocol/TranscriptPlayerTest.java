package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The transcript runner must fail loudly on a transcript the session does not follow, or it proves nothing. */
class TranscriptPlayerTest {
    private static final String GREETING = "S: 220 mx.example.com ESMTP Mailroom\n";
    private static final String TO_DATA = GREETING + """
            C: HELO client.example.org
            S: 250 mx.example.com
            C: MAIL FROM:<alice@example.org>
            S: 250 2.1.0 Sender ok
            C: RCPT TO:<bob@example.com>
            S: 250 2.1.5 Recipient ok
            """;
    private static final String TO_BDAT = TO_DATA.replace("HELO client.example.org\nS: 250 mx.example.com",
            "EHLO client.example.org\nS: 250-mx.example.com greets client.example.org\nS: 250-PIPELINING\n"
                    + "S: 250-SIZE 1048576\nS: 250-8BITMIME\nS: 250-BINARYMIME\nS: 250-CHUNKING\n"
                    + "S: 250-ENHANCEDSTATUSCODES\nS: 250-DSN\nS: 250 SMTPUTF8");

    static Stream<Arguments> transcriptsThatMustFail() {
        return Stream.of(
                Arguments.of("a wrong reply text", GREETING + "C: NOOP\nS: 250 2.0.0 Okay\n", "reply to line 2 \"C: NOOP\""),
                Arguments.of("a missing reply", GREETING + "C: NOOP\nC: NOOP\nS: 250 2.0.0 Ok\n", "reply to line 2"),
                Arguments.of("a reply too many", GREETING + "C: NOOP\nS: 250 2.0.0 Ok\nS: 250 2.0.0 Ok\n", "reply to line 2"),
                Arguments.of("221 without @closed", GREETING + "C: QUIT\nS: 221 2.0.0 Bye\n", "must say @closed"),
                Arguments.of("@closed where the session goes on", GREETING + "C: NOOP\nS: 250 2.0.0 Ok\n@closed\n",
                        "waits for a command here, not CLOSED"),
                Arguments.of("lines after @closed", GREETING + "C: QUIT\nS: 221 2.0.0 Bye\n@closed\nC: NOOP\n",
                        "nothing may follow @closed"),
                Arguments.of("a DATA body without its end", TO_DATA + "C: DATA\nS: 354 End data with <CR><LF>.<CR><LF>\nD: Hi\n",
                        "has no <CRLF>.<CRLF>"),
                Arguments.of("octets after the end of data", TO_DATA + "C: DATA\nS: 354 End data with <CR><LF>.<CR><LF>\n"
                        + "D: .\nD: NOOP\n", "octets after the end of data"),
                Arguments.of("a stored body that differs", TO_DATA + "C: DATA\nS: 354 End data with <CR><LF>.<CR><LF>\n"
                        + "D: Hi\nD: .\nS: 250 2.0.0 Ok: queued as m1\nM: Ho\n", "stored body"),
                Arguments.of("a BDAT chunk of the wrong size", TO_BDAT + "C: BDAT 5 LAST\nD: Hi\nS: 250 2.0.0 Ok: queued as m1\n",
                        "exactly 5 octets"),
                Arguments.of("body lines where a command is due", GREETING + "D: Hi\n", "waits for a command here, not BODY"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcriptsThatMustFail")
    void failsOn(String what, String transcript, String message) {
        assertThatThrownBy(() -> play(transcript)).isInstanceOf(AssertionError.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTranscripts")
    void refusesToParse(String what, String transcript, String message) {
        assertThatThrownBy(() -> play(transcript)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    static Stream<Arguments> malformedTranscripts() {
        return Stream.of(
                Arguments.of("an unknown prefix", GREETING + "X: NOOP\n", "test.txt:2: unknown prefix"),
                Arguments.of("an unknown directive", "@colour blue\n", "unknown directive @colour"),
                Arguments.of("a header after the first item", GREETING + "@max-errors 3\n", "header directive after the first item"),
                Arguments.of("a @repeat without @end", GREETING + "@repeat 2\nC: NOOP\n", "@repeat without @end"),
                Arguments.of("a bad @write-fails", GREETING + "@write-fails sometimes\n", "disk-full or io-error"));
    }

    @Test
    void playsATranscriptThatMatches() {
        assertThatCode(() -> play(TO_DATA + "C: DATA\nS: 354 End data with <CR><LF>.<CR><LF>\nD: ..Hi\nD: .\n"
                + "S: 250 2.0.0 Ok: queued as m1\nM: .Hi\nC: QUIT\nS: 221 2.0.0 Bye\n@closed\n")).doesNotThrowAnyException();
    }

    @Test
    void decodesHexEscapesAndUtf8() {
        assertThat(Transcript.decode("a\\x00\\x0d\\xffü\\xZZ"))
                .containsExactly('a', 0x00, 0x0d, 0xff, 0xc3, 0xbc, '\\', 'x', 'Z', 'Z');
    }

    @Test
    void repeatsLinesWithTheirNumber() {
        Transcript transcript = Transcript.parse("test.txt", List.of("@repeat 3", "C: RCPT TO:<u{n}@example.com>", "@end"));
        assertThat(transcript.items()).extracting(Transcript.Item::text)
                .containsExactly("RCPT TO:<u1@example.com>", "RCPT TO:<u2@example.com>", "RCPT TO:<u3@example.com>");
    }

    private static void play(String text) {
        new TranscriptPlayer(Transcript.parse("test.txt", text.lines().toList())).play();
    }
}
