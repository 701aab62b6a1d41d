package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Arbitrary DATA input, cut arbitrarily: the decoder never throws, never writes past its limit, ends only at
 * {@code <CRLF>.<CRLF>}, and decides the same wherever the network cut the input.
 *
 * <p>Plain {@code mvn test} runs this in regression mode: once on an empty input, and once per file under
 * {@code src/test/resources/dev/mailroom/protocol/DotUnstufferFuzzTestInputs/}, where a fuzzing run saves any
 * crash it finds. To fuzz for real (coverage-guided, up to maxDuration):
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=DotUnstufferFuzzTest -Dsurefire.argLine="-XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED"}
 * (the argLine drops the pom's {@code -Djazzer.hooks=false}: without hooks there is no coverage feedback).
 */
class DotUnstufferFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void decidesTheSameWhereverTheInputIsCut(FuzzedDataProvider data) {
        long maxSize = data.consumeLong(0, 300);
        int[] cutSeeds = data.consumeInts(data.consumeInt(0, 6));
        byte[] input = data.consumeRemainingAsBytes();
        List<Integer> cuts = input.length < 2 ? List.of()
                : Arrays.stream(cutSeeds).map(seed -> 1 + Math.floorMod(seed, input.length - 1)).sorted().distinct().boxed().toList();

        DotUnstufferTest.Outcome whole = DotUnstufferTest.run(input, maxSize, List.of());
        DotUnstufferTest.Outcome split = DotUnstufferTest.run(input, maxSize, cuts);
        String unlimited = DotUnstufferTest.run(input, Long.MAX_VALUE, List.of()).output();

        DotUnstufferTest.assertSameDecision(whole, split, unlimited, maxSize, "cut at " + cuts);
        assertThat(whole.output().length()).isLessThanOrEqualTo((int) Math.min(maxSize, input.length));
        if (whole.finished()) {
            String consumed = new String(input, 0, whole.consumed(), StandardCharsets.ISO_8859_1);
            assertThat(consumed).matches("(?s)(\\.\\r\\n)|(.*\\r\\n\\.\\r\\n)");
        } else {
            assertThat(whole.consumed()).isEqualTo(input.length);
        }
    }
}
