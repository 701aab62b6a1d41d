package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DATA decoder (RFC 5321 §4.5.2), fed as the transport feeds it: in pieces, stopping once it reports the
 * end. Where the network splits the input must never change what it decides.
 */
class DotUnstufferTest {
    private static final long NO_LIMIT = Long.MAX_VALUE;
    private static final String BARE = "bare line ending";
    private static final String TOO_LARGE = "too large";

    /** What one run decided. */
    record Outcome(String output, int consumed, boolean finished, boolean bareLineEnding, boolean tooLarge, long size) {
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                // name, input, max size, expected output (or BARE / TOO_LARGE), octets consumed
                Arguments.of("a plain body", "Hi\r\nthere\r\n.\r\n", NO_LIMIT, "Hi\r\nthere\r\n", 14),
                Arguments.of("an empty body", ".\r\n", NO_LIMIT, "", 3),
                Arguments.of("an empty line first", "\r\n.\r\n", NO_LIMIT, "\r\n", 5),
                Arguments.of("a stuffed dot", "..\r\n...x\r\n.\r\n", NO_LIMIT, ".\r\n..x\r\n", 13),
                Arguments.of("a dot line with text", ".x\r\n. \r\n.\r\n", NO_LIMIT, "x\r\n \r\n", 11),
                Arguments.of("dots mid-line", "a.\r\nb..c\r\n.\r\n", NO_LIMIT, "a.\r\nb..c\r\n", 13),
                Arguments.of("a pipelined QUIT after the end", "Hi\r\n.\r\nQUIT\r\n", NO_LIMIT, "Hi\r\n", 7),
                Arguments.of("a second end after the first", ".\r\n.\r\n", NO_LIMIT, "", 3),
                Arguments.of("8-bit and NUL octets pass", "\u00ff\u0000\r\n.\r\n", NO_LIMIT, "\u00ff\u0000\r\n", 7),
                Arguments.of("exactly the size limit", "0123\r\n.\r\n", 6, "0123\r\n", 9),
                Arguments.of("one octet over the limit", "01234\r\n.\r\n", 6, TOO_LARGE, 10),
                Arguments.of("far over the limit, stuffed", "..........\r\n..........\r\n.\r\n", 12, TOO_LARGE, 27),
                // SMTP smuggling (CVE-2023-51764/5/6): none of these ends the data; the real end does.
                Arguments.of("<LF>.<LF>", "a\n.\nMAIL FROM:<x@y>\r\n.\r\n", NO_LIMIT, BARE, 24),
                Arguments.of("<CRLF>.<LF>", "a\r\n.\nMAIL\r\n.\r\n", NO_LIMIT, BARE, 14),
                Arguments.of("<LF>.<CRLF>", "a\n.\r\nMAIL\r\n.\r\n", NO_LIMIT, BARE, 14),
                Arguments.of("<CR>.<CR>", "a\r.\rMAIL\r\n.\r\n", NO_LIMIT, BARE, 13),
                Arguments.of("<CRLF>.<CR><CRLF>", "a\r\n.\r\r\nMAIL\r\n.\r\n", NO_LIMIT, BARE, 16),
                Arguments.of("<CRLF>.<CR>x", "a\r\n.\rx\r\n.\r\n", NO_LIMIT, BARE, 11),
                Arguments.of("a bare LF line end", "a\nb\r\n.\r\n", NO_LIMIT, BARE, 8),
                Arguments.of("a bare CR at the start", "\r.\r\n.\r\n", NO_LIMIT, BARE, 7),
                Arguments.of("CR CR LF", "a\r\r\n.\r\n", NO_LIMIT, BARE, 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void decodesInOnePiece(String name, String input, long maxSize, String expected, int consumed) {
        Outcome outcome = run(octets(input), maxSize, List.of());

        assertThat(outcome.finished()).as("finished").isTrue();
        assertThat(outcome.consumed()).as("consumed").isEqualTo(consumed);
        assertThat(outcome.bareLineEnding()).as("bare line ending").isEqualTo(expected.equals(BARE));
        if (expected.equals(TOO_LARGE)) {
            assertThat(outcome.tooLarge()).as("too large").isTrue();
            assertThat(outcome.size()).isLessThanOrEqualTo(maxSize);
        } else if (!expected.equals(BARE)) {
            assertThat(outcome.tooLarge()).as("too large").isFalse();
            assertThat(outcome.output()).isEqualTo(expected);
            assertThat(outcome.size()).isEqualTo(expected.length());
        }
    }

    /**
     * Every way of cutting the input in two or three pieces, and byte by byte, decides the same: same octets
     * consumed, same verdicts, and (for a message that is kept) the same body.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void decidesTheSameWhereverTheInputIsSplit(String name, String input, long maxSize, String expected, int consumed) {
        byte[] octets = octets(input);
        Outcome whole = run(octets, maxSize, List.of());
        String unlimited = run(octets, NO_LIMIT, List.of()).output();
        List<List<Integer>> cuts = new ArrayList<>();
        for (int i = 1; i < octets.length; i++) {
            cuts.add(List.of(i));
            for (int j = i + 1; j < octets.length; j++) {
                cuts.add(List.of(i, j));
            }
        }
        cuts.add(everyOctet(octets.length));

        for (List<Integer> cut : cuts) {
            assertSameDecision(whole, run(octets, maxSize, cut), unlimited, maxSize, "cut at " + cut);
        }
    }

    /**
     * What must not depend on where the input was cut. {@code unlimited} is the body decoded with no size limit.
     * Shared with the fuzz test, which tries cuts no table lists.
     */
    static void assertSameDecision(Outcome whole, Outcome split, String unlimited, long maxSize, String where) {
        assertThat(split.consumed()).as(where).isEqualTo(whole.consumed());
        assertThat(split.finished()).as(where).isEqualTo(whole.finished());
        assertThat(split.bareLineEnding()).as(where).isEqualTo(whole.bareLineEnding());
        assertThat(split.size()).as(where).isLessThanOrEqualTo(maxSize);
        if (whole.bareLineEnding()) {
            return;   // output stops at the first bare line ending, so how much came before may depend on the cuts
        }
        assertThat(split.tooLarge()).as(where).isEqualTo(whole.tooLarge());
        assertThat(unlimited).as(where).startsWith(split.output());   // never an octet that is not in the body
        if (!whole.tooLarge()) {
            assertThat(split.output()).as(where).isEqualTo(whole.output());
        }
    }

    @Test
    void waitsForTheRestOfAnEndCutAfterItsCarriageReturn() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotUnstuffer unstuffer = new DotUnstuffer(out, NO_LIMIT);
        byte[] first = octets("Hi\r\n.\r");

        assertThat(unstuffer.feed(first, 0, first.length)).isEqualTo(first.length);
        assertThat(unstuffer.finished()).isFalse();
        assertThat(unstuffer.feed(octets("\nQUIT\r\n"), 0, 7)).isEqualTo(1);
        assertThat(unstuffer.finished()).isTrue();
        assertThat(unstuffer.bareLineEnding()).isFalse();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("Hi\r\n");
    }

    private static List<Integer> everyOctet(int length) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < length; i++) {
            cuts.add(i);
        }
        return cuts;
    }

    /**
     * Feeds {@code input} cut at {@code cuts}, each piece inside a larger buffer (as the transport's buffer
     * holds it), until the decoder says the data ended — as {@code SmtpInput.readData} does.
     */
    static Outcome run(byte[] input, long maxSize, List<Integer> cuts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotUnstuffer unstuffer = new DotUnstuffer(out, maxSize);
        List<Integer> bounds = new ArrayList<>(cuts);
        bounds.add(input.length);
        int start = 0;
        int consumed = 0;
        for (int end : bounds) {
            if (unstuffer.finished()) {
                break;
            }
            byte[] buffer = new byte[end - start + 8];
            Arrays.fill(buffer, (byte) '.');
            System.arraycopy(input, start, buffer, 4, end - start);
            int used = feed(unstuffer, buffer, 4, end - start);
            assertThat(used).isBetween(0, end - start);
            consumed += used;
            start = end;
        }
        return new Outcome(out.toString(StandardCharsets.ISO_8859_1), consumed, unstuffer.finished(),
                unstuffer.bareLineEnding(), unstuffer.tooLarge(), unstuffer.size());
    }

    private static int feed(DotUnstuffer unstuffer, byte[] buffer, int offset, int length) {
        try {
            return unstuffer.feed(buffer, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not throw
        }
    }

    /** One octet per char: the test inputs use only ISO-8859-1. */
    private static byte[] octets(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
