package dev.mailroom.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tomlj.TomlArray;

/**
 * What one setting's value looks like on the command line and in the configuration file, and which values
 * make sense. Both readers throw {@link IllegalArgumentException} with the reason, so a bad value gets the same
 * explanation whether it came from a flag or from a line of the file.
 */
public sealed interface ValueType<T> {

    /** Converts the text of a flag (and of a TOML string). */
    T parse(String text);

    /** Converts a value as tomlj returns it: {@code String}, {@code Long}, {@code Boolean} or {@link TomlArray}. */
    default T fromToml(Object value) {
        if (value instanceof String text) {
            return parse(text);
        }
        throw new IllegalArgumentException("expected " + expected() + ", got " + describe(value));
    }

    /** The value as TOML source text. */
    default String toToml(T value) {
        return quote(value.toString());
    }

    /** What a value must look like, for messages and for {@code --help}. */
    String expected();

    /** The placeholder shown in {@code --help}. */
    String label();

    static String describe(Object tomlValue) {
        return switch (tomlValue) {
            case String s -> "the string \"" + s + "\"";
            case Long n -> "the integer " + n;
            case Double d -> "the number " + d;
            case Boolean b -> "the boolean " + b;
            case TomlArray array -> "a list";
            default -> "a " + tomlValue.getClass().getSimpleName().replace("Toml", "").toLowerCase(Locale.ROOT);
        };
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A whole number from {@code min} to {@code max}: sizes and counts. */
    record Count(long min, long max) implements ValueType<Long> {
        @Override
        public Long parse(String text) {
            try {
                return check(Long.parseLong(text.trim().replace("_", "")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected " + expected() + ", got '" + text + "'");
            }
        }

        @Override
        public Long fromToml(Object value) {
            if (value instanceof Long number) {
                return check(number);
            }
            throw new IllegalArgumentException("expected " + expected() + ", got " + describe(value));
        }

        private Long check(long value) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be " + range() + ", got " + value);
            }
            return value;
        }

        private String range() {
            return max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
        }

        @Override
        public String toToml(Long value) {
            return value.toString();
        }

        @Override
        public String expected() {
            return "an integer " + range();
        }

        @Override
        public String label() {
            return "N";
        }
    }

    /** A positive duration such as {@code 30s}, {@code 5m}, {@code 2h}. */
    record DurationValue() implements ValueType<Duration> {
        @Override
        public Duration parse(String text) {
            return DurationText.parse(text);
        }

        @Override
        public String toToml(Duration value) {
            return quote(DurationText.format(value));
        }

        @Override
        public String expected() {
            return "a duration such as \"30s\", \"5m\" or \"2h\"";
        }

        @Override
        public String label() {
            return "DURATION";
        }
    }

    /** {@code HOST:PORT}. */
    record Address() implements ValueType<HostPort> {
        @Override
        public HostPort parse(String text) {
            return HostPort.parse(text.trim());
        }

        @Override
        public String expected() {
            return "an address such as \"127.0.0.1:2525\"";
        }

        @Override
        public String label() {
            return "HOST:PORT";
        }
    }

    /** A host or domain name: not blank, no spaces. */
    record Name() implements ValueType<String> {
        @Override
        public String parse(String text) {
            if (text.isBlank() || text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("expected " + expected() + ", got '" + text + "'");
            }
            return text;
        }

        @Override
        public String expected() {
            return "a name without spaces";
        }

        @Override
        public String label() {
            return "NAME";
        }
    }

    /** An address block such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}; a bare address is one host. */
    record NetworkBlock() implements ValueType<dev.mailroom.policy.Network> {
        @Override
        public dev.mailroom.policy.Network parse(String text) {
            return dev.mailroom.policy.Network.parse(text);
        }

        @Override
        public String expected() {
            return "a network such as \"192.0.2.0/24\" or \"2001:db8::/32\"";
        }

        @Override
        public String label() {
            return "NETWORK";
        }
    }

    /** A file or directory path; {@code label} is {@code DIR} or {@code FILE}. */
    record FilePath(String label) implements ValueType<Path> {
        /** A directory. */
        public FilePath() {
            this("DIR");
        }

        @Override
        public Path parse(String text) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("expected " + expected());
            }
            return Path.of(text);
        }

        @Override
        public String expected() {
            return "a path";
        }
    }

    /** A password or other secret: any text but an empty one; never written back out. */
    record Secret() implements ValueType<String> {
        @Override
        public String parse(String text) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("expected " + expected());
            }
            return text;
        }

        @Override
        public String toToml(String value) {
            return "\"(hidden)\"";
        }

        @Override
        public String expected() {
            return "a non-empty string";
        }

        @Override
        public String label() {
            return "PASSWORD";
        }
    }

    /** On or off: a bare flag on the command line, {@code true} or {@code false} in the file. */
    record Flag() implements ValueType<Boolean> {
        @Override
        public Boolean parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
            };
        }

        @Override
        public Boolean fromToml(Object value) {
            if (value instanceof Boolean flag) {
                return flag;
            }
            throw new IllegalArgumentException("expected " + expected() + ", got " + describe(value));
        }

        @Override
        public String toToml(Boolean value) {
            return value.toString();
        }

        @Override
        public String expected() {
            return "true or false";
        }

        @Override
        public String label() {
            return "";
        }
    }

    /** One of an enum's constants, written in lower case. */
    record Choice<E extends Enum<E>>(Class<E> type) implements ValueType<E> {
        @Override
        public E parse(String text) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text.trim())) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("expected " + expected() + ", got '" + text + "'");
        }

        @Override
        public String toToml(E value) {
            return quote(value.name().toLowerCase(Locale.ROOT));
        }

        @Override
        public String expected() {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> "\"" + c.name().toLowerCase(Locale.ROOT) + "\"").collect(Collectors.joining(", "));
        }

        @Override
        public String label() {
            return Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|"));
        }
    }

    /** A non-empty list; a repeatable flag on the command line. A single string in the file is a list of one. */
    record ListOf<T>(ValueType<T> element) implements ValueType<List<T>> {
        @Override
        public List<T> parse(String text) {
            return List.of(element.parse(text));
        }

        @Override
        public List<T> fromToml(Object value) {
            if (value instanceof String text) {
                return parse(text);
            }
            if (!(value instanceof TomlArray array)) {
                throw new IllegalArgumentException("expected " + expected() + ", got " + describe(value));
            }
            if (array.isEmpty()) {
                throw new IllegalArgumentException("expected at least one value");
            }
            List<T> values = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                try {
                    values.add(element.fromToml(array.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("item " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
            return List.copyOf(values);
        }

        @Override
        public String toToml(List<T> values) {
            return values.stream().map(element::toToml).collect(Collectors.joining(", ", "[", "]"));
        }

        @Override
        public String expected() {
            return "a list, each " + element.expected();
        }

        @Override
        public String label() {
            return element.label();
        }
    }

    /** A client network in CIDR form: {@code 192.0.2.0/24}, {@code 2001:db8::/32}, or one address. */
    record Network() implements ValueType<String> {
        @Override
        public String parse(String text) {
            return dev.mailroom.policy.RelayNetworks.check(text.trim());
        }

        @Override
        public String expected() {
            return "a network such as \"192.0.2.0/24\"";
        }

        @Override
        public String label() {
            return "CIDR";
        }
    }

    /** Durations separated by commas, {@code 2s,3s,5s} (a list in the file): a retry schedule. */
    record DurationList() implements ValueType<List<Duration>> {
        @Override
        public List<Duration> parse(String text) {
            List<Duration> durations = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                durations.add(DurationText.parse(part));
            }
            return List.copyOf(durations);
        }

        @Override
        public List<Duration> fromToml(Object value) {
            if (value instanceof TomlArray array && !array.isEmpty()) {
                List<Duration> durations = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    if (!(array.get(i) instanceof String text)) {
                        throw new IllegalArgumentException("item " + (i + 1) + ": expected a duration such as \"5m\"");
                    }
                    durations.add(DurationText.parse(text));
                }
                return List.copyOf(durations);
            }
            return ValueType.super.fromToml(value);
        }

        @Override
        public String toToml(List<Duration> value) {
            return value.stream().map(d -> quote(DurationText.format(d))).collect(Collectors.joining(", ", "[", "]"));
        }

        @Override
        public String expected() {
            return "durations such as \"2s,3s,5s\"";
        }

        @Override
        public String label() {
            return "DURATION,...";
        }
    }
}
