package dev.mailroom.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When to try a deferred message again, as a plain list of intervals (the last one repeats), and how long a
 * message may stay queued before it bounces. The default follows Postfix: the first retry after 5 minutes,
 * doubling to about an hour between tries, and a queue lifetime of 5 days ({@code maximal_queue_lifetime}).
 *
 * @param intervals the waits after the 1st, 2nd, ... failed attempt; the last repeats
 * @param lifetime  how long after it was queued a message still gets tried; after that a transient failure bounces
 */
public record RetrySchedule(List<Duration> intervals, Duration lifetime) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(
            List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40),
                    Duration.ofHours(1)),
            Duration.ofDays(5));

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    public RetrySchedule {
        intervals = List.copyOf(intervals);
        if (intervals.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one interval");
        }
        if (intervals.stream().anyMatch(interval -> interval.isNegative() || interval.isZero()) || lifetime.isNegative()) {
            throw new IllegalArgumentException("retry intervals must be positive and the lifetime not negative");
        }
    }

    /** Parses {@code 2s,3s,5s} (as {@code --retry-schedule} takes it). */
    public static List<Duration> parseIntervals(String text) {
        List<Duration> intervals = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            intervals.add(parseDuration(part));
        }
        return intervals;
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 5d}. */
    public static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a duration such as 30s, 5m or 2h, got '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The wait after the {@code failedAttempts}-th failed attempt (1 for the first); the last interval repeats. */
    public Duration intervalAfter(int failedAttempts) {
        return intervals.get(Math.min(Math.max(failedAttempts, 1), intervals.size()) - 1);
    }

    /** The moment past which a message queued at {@code queuedAt} is no longer retried. */
    public Instant expiry(Instant queuedAt) {
        return queuedAt.plus(lifetime);
    }

    /**
     * When to try again after the {@code failedAttempts}-th transient failure at {@code now}, or empty when the
     * message has outlived the queue lifetime and must bounce. A retry that would fall after the expiry is moved to
     * the expiry itself, so a message always gets one last try at the end of its lifetime.
     */
    public Optional<Instant> nextAttempt(Instant queuedAt, int failedAttempts, Instant now) {
        Instant expiry = expiry(queuedAt);
        if (!now.isBefore(expiry)) {
            return Optional.empty();
        }
        Instant next = now.plus(intervalAfter(failedAttempts));
        return Optional.of(next.isAfter(expiry) ? expiry : next);
    }
}
