package dev.mailroom.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
    private final AtomicLong now = new AtomicLong();
    private final AuthThrottle throttle = new AuthThrottle(AuthThrottle.Limits.DEFAULT, now::get);

    @Test
    void freeFailuresThenDoublingDelaysUpToTheCapThenRefusal() {
        assertThat(throttle.failed("192.0.2.1")).contains(Duration.ZERO);
        assertThat(throttle.failed("192.0.2.1")).contains(Duration.ZERO);
        assertThat(throttle.failed("192.0.2.1")).contains(Duration.ZERO);
        assertThat(throttle.failed("192.0.2.1")).contains(Duration.ofSeconds(1));
        assertThat(throttle.failed("192.0.2.1")).contains(Duration.ofSeconds(2));
        assertThat(throttle.failed("192.0.2.1")).contains(Duration.ofSeconds(4));
        assertThat(throttle.failed("192.0.2.1")).contains(Duration.ofSeconds(8));
        assertThat(throttle.failed("192.0.2.1")).contains(Duration.ofSeconds(8));
        assertThat(throttle.failed("192.0.2.1")).contains(Duration.ofSeconds(8));
        assertThat(throttle.refused("192.0.2.1")).isFalse();
        assertThat(throttle.failed("192.0.2.1")).as("the tenth failure").isEqualTo(Optional.empty());
        assertThat(throttle.refused("192.0.2.1")).isTrue();
        assertThat(throttle.refused("192.0.2.2")).as("another address").isFalse();
    }

    @Test
    void failuresAreForgottenAWindowAfterTheLastOne() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("192.0.2.1");
        }
        now.addAndGet(Duration.ofMinutes(15).toNanos() - 1);
        assertThat(throttle.refused("192.0.2.1")).isTrue();
        now.addAndGet(1);
        assertThat(throttle.refused("192.0.2.1")).isFalse();
        assertThat(throttle.failed("192.0.2.1")).as("counting starts again").contains(Duration.ZERO);
    }

    @Test
    void aSuccessClearsTheCount() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("192.0.2.1");
        }
        throttle.succeeded("192.0.2.1");
        assertThat(throttle.failed("192.0.2.1")).contains(Duration.ZERO);
    }
}
