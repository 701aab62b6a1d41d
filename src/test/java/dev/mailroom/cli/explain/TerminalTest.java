package dev.mailroom.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void widthComesFromColumnsOrDefaultsToEighty() {
        assertThat(Terminal.detect(Map.of("COLUMNS", "132"), false).width()).isEqualTo(132);
        assertThat(Terminal.detect(Map.of(), false).width()).isEqualTo(80);
        assertThat(Terminal.detect(Map.of("COLUMNS", "wide"), false).width()).isEqualTo(80);
        assertThat(Terminal.detect(Map.of("COLUMNS", "10"), false).width()).isEqualTo(Terminal.MIN_WIDTH);
    }

    @Test
    void colourOnlyOnAnInteractiveTerminalWithoutNoColor() {
        assertThat(Terminal.detect(Map.of(), true).colour()).isTrue();
        assertThat(Terminal.detect(Map.of(), false).colour()).isFalse();
        assertThat(Terminal.detect(Map.of("NO_COLOR", "1"), true).colour()).isFalse();
        // no-color.org: an empty NO_COLOR does not count.
        assertThat(Terminal.detect(Map.of("NO_COLOR", ""), true).colour()).isTrue();
    }
}
