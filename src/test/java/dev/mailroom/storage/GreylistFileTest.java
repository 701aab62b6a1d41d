package dev.mailroom.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.policy.GreylistStore.Entry;
import dev.mailroom.policy.GreylistStore.Triplet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreylistFileTest {
    private static final Triplet ONE = new Triplet("192.0.2.0/24", "alice@sender.test", "bob@example.test");
    private static final Triplet TWO = new Triplet("2001:db8:0:0:0:0:0:0/64", "", "\"odd name\"@example.test");

    @TempDir
    Path directory;

    @Test
    void theLatestEntryOfEachTripletIsLoadedBack() {
        Path path = directory.resolve("protect/greylist.tsv");
        GreylistFile file = new GreylistFile(path);
        assertThat(file.load()).isEmpty();
        file.record(ONE, new Entry(1000, 1000, false));
        file.record(TWO, new Entry(2000, 2000, false));
        file.record(ONE, new Entry(1000, 400_000, true));
        file.close();
        assertThat(new GreylistFile(path).load())
                .isEqualTo(Map.of(ONE, new Entry(1000, 400_000, true), TWO, new Entry(2000, 2000, false)));
    }

    @Test
    void compactionKeepsOnlyTheLiveStateAndAppendsGoOnAfterIt() throws Exception {
        Path path = directory.resolve("greylist.tsv");
        GreylistFile file = new GreylistFile(path);
        file.record(ONE, new Entry(1, 1, false));
        file.record(ONE, new Entry(1, 2, true));
        file.record(TWO, new Entry(3, 3, false));
        file.compact(Map.of(ONE, new Entry(1, 2, true)));
        assertThat(Files.readAllLines(path)).hasSize(1);
        file.record(TWO, new Entry(5, 5, false));
        file.close();
        assertThat(new GreylistFile(path).load()).containsOnlyKeys(ONE, TWO);
    }

    @Test
    void aTornLastLineFromACrashIsSkipped() throws Exception {
        Path path = directory.resolve("greylist.tsv");
        GreylistFile file = new GreylistFile(path);
        file.record(ONE, new Entry(1, 1, true));
        file.close();
        Files.writeString(path, "17\t17\tW\t198.51", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(new GreylistFile(path).load()).containsOnlyKeys(ONE);
    }
}
