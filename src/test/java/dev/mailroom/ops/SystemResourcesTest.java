package dev.mailroom.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SystemResourcesTest {

    @Test
    void measuresSharesOfHeapAndFilesAndIsNotShortInAnOrdinaryTestRun() {
        assertThat(SystemResources.heapPercentAfterGc()).isBetween(0.0, 100.0);
        assertThat(SystemResources.filesPercent()).isBetween(0.0, 100.0);
        assertThat(new SystemResources(100, 100).shortage()).isEmpty();
        assertThat(new SystemResources(0, 0).shortage()).isEmpty();
    }
}
