package dev.mailroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Instant QUEUED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theDefaultIsPostfixLike() {
        RetrySchedule schedule = RetrySchedule.DEFAULT;
        assertThat(schedule.intervalAfter(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.intervalAfter(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.intervalAfter(4)).isEqualTo(Duration.ofMinutes(40));
        assertThat(schedule.intervalAfter(5)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.intervalAfter(50)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.lifetime()).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void theLastIntervalRepeats() {
        RetrySchedule schedule = new RetrySchedule(RetrySchedule.parseIntervals("2s,3s,5s"), Duration.ofSeconds(40));
        assertThat(List.of(1, 2, 3, 4, 9).stream().map(schedule::intervalAfter))
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void aRetryPastTheLifetimeMovesToTheExpiryAndNothingComesAfterIt() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(30)), Duration.ofSeconds(40));
        assertThat(schedule.nextAttempt(QUEUED, 1, QUEUED)).contains(QUEUED.plusSeconds(30));
        assertThat(schedule.nextAttempt(QUEUED, 2, QUEUED.plusSeconds(30))).contains(QUEUED.plusSeconds(40));
        assertThat(schedule.nextAttempt(QUEUED, 3, QUEUED.plusSeconds(40))).isEmpty();
    }

    @Test
    void badSchedulesAreRefused() {
        assertThatThrownBy(() -> RetrySchedule.parseIntervals("2s,,5s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.parseIntervals("5 minutes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(List.of(), Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO), Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
