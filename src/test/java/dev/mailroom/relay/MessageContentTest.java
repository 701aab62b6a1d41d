package dev.mailroom.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.protocol.BodyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a queued message's bytes need from the next hop: 7-bit, 8-bit or binary, and ASCII headers or not. */
class MessageContentTest {
    @TempDir
    Path directory;

    private MessageContent scan(String message) throws IOException {
        return scan(message.getBytes(StandardCharsets.UTF_8));
    }

    private MessageContent scan(byte[] message) throws IOException {
        Path file = Files.write(directory.resolve("message"), message);
        return MessageContent.of(file);
    }

    @Test
    void asciiTextNeedsNothing() throws IOException {
        assertThat(scan("Subject: hi\r\n\r\nHello.\r\n")).isEqualTo(new MessageContent(BodyType.SEVEN_BIT, true));
        assertThat(scan("Subject: no final line end\r\n\r\nHello.")).isEqualTo(new MessageContent(BodyType.SEVEN_BIT, true));
    }

    @Test
    void octetsAbove127AreEightBitAndCountAgainstTheHeadersOnlyBeforeTheEmptyLine() throws IOException {
        assertThat(scan("Subject: menu\r\n\r\nCrème brûlée\r\n")).isEqualTo(new MessageContent(BodyType.EIGHT_BIT_MIME, true));
        assertThat(scan("Subject: café\r\n\r\nplain\r\n")).isEqualTo(new MessageContent(BodyType.EIGHT_BIT_MIME, false));
        assertThat(scan("Subject: x\r\nFrom: José <j@x.test>\r\n\r\n")).extracting(MessageContent::asciiHeaders).isEqualTo(false);
    }

    @Test
    void whatRfc6152DoesNotAllowInTextIsBinary() throws IOException {
        assertThat(scan("Subject: x\r\n\r\nbare\nline feed\r\n").needs()).isEqualTo(BodyType.BINARY_MIME);
        assertThat(scan("Subject: x\r\n\r\nbare\rcarriage return\r\n").needs()).isEqualTo(BodyType.BINARY_MIME);
        assertThat(scan("Subject: x\r\n\r\nends in a bare CR\r").needs()).isEqualTo(BodyType.BINARY_MIME);
        assertThat(scan("Subject: x\r\n\r\na \0 NUL\r\n").needs()).isEqualTo(BodyType.BINARY_MIME);
        assertThat(scan("Subject: x\r\n\r\n" + "a".repeat(998) + "\r\n").needs()).isEqualTo(BodyType.SEVEN_BIT);
        assertThat(scan("Subject: x\r\n\r\n" + "a".repeat(999) + "\r\n").needs()).isEqualTo(BodyType.BINARY_MIME);
        // Lines are counted in octets across read buffers: a long line straddling 64 KiB still counts as one.
        assertThat(scan("Subject: x\r\n\r\n" + ("b".repeat(900) + "\r\n").repeat(72) + "c".repeat(999)).needs())
                .isEqualTo(BodyType.BINARY_MIME);
    }
}
