package dev.mailroom.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.catalog.ReplyCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestCodesTest {
    private final List<String> keys = ReplyCatalog.standard().keys();

    @Test
    void distanceCountsSingleCharacterEdits() {
        assertThat(NearestCodes.distance("421", "421")).isZero();
        assertThat(NearestCodes.distance("421", "422")).isEqualTo(1);
        assertThat(NearestCodes.distance("4.21", "421")).isEqualTo(1);
        assertThat(NearestCodes.distance("5.7.1", "5.7.10")).isEqualTo(1);
        assertThat(NearestCodes.distance("", "550")).isEqualTo(3);
    }

    @Test
    void suggestsTheClosestBasicCodesSharingTheLongestPrefixFirst() {
        assertThat(NearestCodes.nearest("422", keys, 3)).containsExactly("421", "432", "452");
    }

    @Test
    void suggestsEnhancedCodesInTheClassTyped() {
        assertThat(NearestCodes.nearest("5.1.11", keys, 2)).containsExactly("5.1.1", "5.1.10");
        assertThat(NearestCodes.nearest("4.7.31", keys, 3)).allSatisfy(code -> assertThat(code).startsWith("4.7."))
                .contains("4.7.30");
    }

    @Test
    void suggestsNothingForTextThatIsNothingLikeACode() {
        assertThat(NearestCodes.nearest("hello", keys, 3)).isEmpty();
    }
}
