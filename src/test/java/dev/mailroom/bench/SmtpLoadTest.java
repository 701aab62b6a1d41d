package dev.mailroom.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.server.MailroomServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpLoadTest {

    @Test
    void everyMessageOfTheLoadIsAcceptedAndStoredWhole(@TempDir Path data) throws Exception {
        try (MailroomServer server = MailroomServer.builder().listen("127.0.0.1", 0).dataDirectory(data)
                .hostname("load.test").build().start()) {
            SmtpLoad.Result result = SmtpLoad.run(new SmtpLoad.Settings(new InetSocketAddress("127.0.0.1", server.port()),
                    60, 4, 4096, "load@localhost", "sink@localhost", Duration.ofSeconds(60)));

            assertThat(result.accepted()).isEqualTo(60);
            assertThat(result.refused()).isZero();
            assertThat(result.lost()).isZero();
            assertThat(result.perSecond()).isPositive();
            byte[] sent = SmtpLoad.message(4096);
            List<Path> stored = filesIn(data.resolve("mail/localhost/sink/new"));
            assertThat(stored).hasSize(60);
            for (Path file : stored) {
                byte[] content = Files.readAllBytes(file);
                assertThat(Arrays.copyOfRange(content, content.length - sent.length, content.length)).isEqualTo(sent);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129, 140, 141, 142, 4096, 4097, 65_536})
    void loadMessageHasExactlyTheAskedSizeInShortCrlfLines(int size) {
        byte[] message = SmtpLoad.message(size);

        assertThat(message).hasSize(size);
        String text = new String(message, StandardCharsets.US_ASCII);
        assertThat(text).endsWith("\r\n");
        assertThat(text.split("\r\n", -1)).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(76).doesNotContain("\r", "\n"));
    }

    @Test
    void refusesToLoadAnythingButLoopback() {
        assertThatThrownBy(() -> new SmtpLoad.Settings(new InetSocketAddress("192.0.2.1", 25), 1, 1, 4096,
                "a@localhost", "b@localhost", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback only");
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
