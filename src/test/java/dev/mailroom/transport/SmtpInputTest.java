package dev.mailroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.protocol.DotUnstuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The read buffer grows for a body or a long line and shrinks after a body, without losing or reordering pipelined bytes. */
class SmtpInputTest {
    private static final int COMMAND_BUFFER = 1024;

    /** Hands out at most {@code chunk} octets a read, as a network does. */
    private static InputStream trickle(String text, int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] target, int offset, int length) {
                return super.read(target, offset, Math.min(length, chunk));
            }
        };
    }

    private static String line(SmtpInput input) throws IOException {
        int length = input.readLine(512);
        return new String(input.buffer(), input.lineStart(), length, StandardCharsets.US_ASCII);
    }

    @Test
    void pipelinedCommandsAfterABodySurviveTheBufferShrinkingEvenWhenTheyOutgrowIt() throws IOException {
        String body = "Subject: x\r\n\r\n" + "y".repeat(40_000) + "\r\n.\r\n";
        StringBuilder after = new StringBuilder();
        for (int i = 0; i < 400; i++) {   // 4,000+ octets: more than the command buffer holds
            after.append("NOOP ").append(i).append("\r\n");
        }
        for (int chunk : new int[] {7, 1500, 64 * 1024}) {
            SmtpInput input = new SmtpInput(trickle(body + after, chunk), COMMAND_BUFFER, () -> { });
            ByteArrayOutputStream stored = new ByteArrayOutputStream();

            input.readData(new DotUnstuffer(stored, Long.MAX_VALUE));

            assertThat(stored.size()).as("chunk %d", chunk).isEqualTo(body.length() - 3);
            for (int i = 0; i < 400; i++) {
                assertThat(line(input)).as("chunk %d", chunk).isEqualTo("NOOP " + i);
            }
            assertThat(input.readLine(512)).isEqualTo(SmtpInput.END_OF_STREAM);
            assertThat(input.buffer().length).as("back to the command size once drained").isEqualTo(SmtpInput.FIRST_COMMAND_BUFFER);
        }
    }

    @Test
    void aChunkIsReadExactlyAndTheNextCommandFollows() throws IOException {
        SmtpInput input = new SmtpInput(trickle("0123456789QUIT\r\n", 3), COMMAND_BUFFER, () -> { });
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();

        input.readExactly(10, chunk);

        assertThat(chunk.toString(StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        assertThat(line(input)).isEqualTo("QUIT");
        assertThat(input.buffer().length).isEqualTo(SmtpInput.FIRST_COMMAND_BUFFER);
    }

    @Test
    void aLineLongerThanTheFirstBufferGrowsItUpToTheLimitAndTheNextLineFollows() throws IOException {
        String longest = "RCPT TO:<" + "a".repeat(510 - 11) + ">";   // 510 octets + CRLF = 512, the limit
        String tooLong = "X".repeat(511);                              // 513 with its CRLF
        for (int chunk : new int[] {1, 100, 4096}) {
            SmtpInput input = new SmtpInput(trickle("NOOP\r\n" + longest + "\r\n" + tooLong + "\r\nQUIT\r\n", chunk),
                    COMMAND_BUFFER, () -> { });

            assertThat(line(input)).as("chunk %d", chunk).isEqualTo("NOOP");
            assertThat(input.buffer().length).as("chunk %d", chunk).isLessThan(COMMAND_BUFFER);
            assertThat(line(input)).as("chunk %d", chunk).isEqualTo(longest);
            assertThat(input.readLine(512)).as("chunk %d", chunk).isEqualTo(SmtpInput.LINE_TOO_LONG);
            assertThat(line(input)).as("chunk %d", chunk).isEqualTo("QUIT");
            assertThat(input.buffer().length).as("chunk %d", chunk).isLessThanOrEqualTo(COMMAND_BUFFER);
        }
    }
}
