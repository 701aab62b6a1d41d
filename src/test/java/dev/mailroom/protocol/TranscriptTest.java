package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every golden transcript in {@code src/test/resources/transcripts/*.txt} against {@link SmtpSession},
 * with no sockets. The format, line by line (README.md beside the files says the same, with examples):
 *
 * <pre>
 * # comment                    blank lines and lines starting with # are ignored
 * &#64;hostname NAME               header directives, before the first item: the SessionSettings ...
 * &#64;max-message-size N          (default 1048576)
 * &#64;max-recipients N            (default 100)
 * &#64;max-errors N                (default 20)
 * &#64;no-inbound                  acceptsMail = false (RFC 7504 mode)
 * &#64;local-domains D ...         ... and the SitePolicy: local domains (default example.com)
 * &#64;storage-short               storage below its margin (MAIL gets 452 4.3.1)
 * &#64;admission WHAT              open() with accepted | too-many-connections | too-many-from-client | draining
 *
 * S: 220 mx.example.com ESMTP  one line of the expected reply; consecutive S: lines are one multi-line reply,
 *                              compared exactly with Reply.wire(). The greeting's S: lines come first.
 * C: MAIL FROM:&lt;a@b&gt;         a command line, given to onLine without CRLF; \xHH is the octet HH
 * &#64;line-too-long / &#64;timeout / &#64;shutdown   the events lineTooLong(), idleTimeout(), shutdown()
 * D: text                      body octets: the text and CRLF (\xHH escapes too). After 354 the D: lines up
 *                              to the next other item go through a real DotUnstuffer, and its verdict is
 *                              reported: BareLineEnding, TooLarge, else Stored("m1", "m2", ...). After BDAT n
 *                              the next D: lines must be exactly n octets (ReceiveChunk or DiscardChunk).
 * &#64;write-fails disk-full|io-error   right after a body's D: lines: storage fails (StorageFailed)
 * M: text                      at a command boundary: a line (plus CRLF) of the body stored last
 * &#64;closed                      the last step said Close; it must be the last line, and must follow 421/221
 * &#64;repeat N ... &#64;end           the lines between, N times, with {n} replaced by 1..N
 * </pre>
 * A transcript that ends without {@code @closed} asserts that the session still waits for a command.
 */
class TranscriptTest {

    @TestFactory
    Stream<DynamicTest> everyTranscriptPlaysAsWritten() throws IOException, URISyntaxException {
        Path folder = Path.of(TranscriptTest.class.getResource("/transcripts").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).as("transcripts in " + folder).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(),
                () -> new TranscriptPlayer(Transcript.parse(file)).play()));
    }
}
