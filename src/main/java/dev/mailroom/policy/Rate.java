package dev.mailroom.policy;

import java.time.Duration;

/** At most {@code count} events per {@code period}, as a token bucket: a burst of {@code count}, then a steady rate. */
public record Rate(int count, Duration period) {
    public Rate {
        if (count <= 0 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate needs a positive count and period");
        }
    }

    public static Rate perMinute(int count) {
        return new Rate(count, Duration.ofMinutes(1));
    }

    public static Rate perHour(int count) {
        return new Rate(count, Duration.ofHours(1));
    }
}
