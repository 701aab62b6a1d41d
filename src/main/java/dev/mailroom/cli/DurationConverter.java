package dev.mailroom.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations as operators write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 5d}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        Matcher matcher = FORM.matcher(value.trim());
        if (!matcher.matches()) {
            throw new CommandLine.TypeConversionException("expected a duration such as 30s, 5m or 2h, got '" + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.isZero()) {
            throw new CommandLine.TypeConversionException("a duration must be positive: '" + value + "'");
        }
        return duration;
    }
}
