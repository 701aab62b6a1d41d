package dev.mailroom.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolJournalTest {

    @TempDir
    Path spool;

    private static JournalRecord message(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return JournalRecord.message(name, List.of("example.test/bob", "example.test/carol"), bytes, bytes.length);
    }

    private static byte[] encoded(JournalRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer buffer : record.encode()) {
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        return out.toByteArray();
    }

    @Test
    void recordsSurviveTheRoundTripAndATornTailEndsTheSegment() throws IOException {
        byte[] first = encoded(message("1.M1P1Q1.host", "Subject: one\r\n\r\nbody\r\n"));
        byte[] second = encoded(message("1.M1P1Q2.host", "Subject: two\r\n\r\nbody\r\n"));
        byte[] torn = new byte[first.length + second.length - 3];   // the second record lost its last octets
        System.arraycopy(first, 0, torn, 0, first.length);
        System.arraycopy(second, 0, torn, first.length, second.length - 3);

        ByteArrayInputStream in = new ByteArrayInputStream(torn);
        Optional<JournalRecord> read = JournalRecord.read(in);
        assertThat(read).isPresent();
        assertThat(read.get().fileName()).isEqualTo("1.M1P1Q1.host");
        assertThat(read.get().maildirs()).containsExactly("example.test/bob", "example.test/carol");
        assertThat(new String(read.get().message(), 0, read.get().length(), StandardCharsets.UTF_8))
                .isEqualTo("Subject: one\r\n\r\nbody\r\n");
        assertThat(JournalRecord.read(in)).isEmpty();
    }

    @Test
    void aFlippedBitIsDetected() throws IOException {
        byte[] record = encoded(message("1.M1P1Q1.host", "Subject: one\r\n\r\nbody\r\n"));
        record[record.length - 2] ^= 0x20;
        assertThat(JournalRecord.read(new ByteArrayInputStream(record))).isEmpty();
    }

    @Test
    void recoveryRedeliversWhatWasJournaledExceptCancellations() throws IOException {
        try (SpoolJournal journal = SpoolJournal.open(spool, spool, record -> {
            throw new AssertionError("nothing to recover in a new spool");
        })) {
            journal.append(message("a.host", "first")).delivered();
            journal.append(message("b.host", "second")).delivered();
            journal.cancel("b.host");
            journal.append(message("c.host", "third")).delivered();
        }   // closed without a checkpoint, as a crash would leave it

        List<String> redelivered = new ArrayList<>();
        try (SpoolJournal journal = SpoolJournal.open(spool, spool, record -> redelivered.add(record.fileName()))) {
            assertThat(redelivered).containsExactly("a.host", "c.host");
            assertThat(segments()).hasSize(1);   // the recovered segments are gone; a fresh one is open
            journal.append(message("d.host", "fourth")).delivered();
        }
    }

    @Test
    void aCheckpointDeletesSegmentsOnceTheirMessagesArePlaced() throws IOException {
        try (SpoolJournal journal = SpoolJournal.open(spool, spool, record -> { })) {
            SpoolJournal.Segment segment = journal.append(message("a.host", "first"));
            segment.delivered();
            journal.checkpoint();
            assertThat(segments()).hasSize(1);
            assertThat(Files.size(segments().getFirst())).isZero();   // only the new, empty segment is left
        }
        List<String> redelivered = new ArrayList<>();
        SpoolJournal.open(spool, spool, record -> redelivered.add(record.fileName())).close();
        assertThat(redelivered).isEmpty();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }
}
