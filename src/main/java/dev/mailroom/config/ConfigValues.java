package dev.mailroom.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Setting values gathered from a file or from flags, each with where it came from, for messages. */
public final class ConfigValues {
    private record Entry(Object value, String origin) {
    }

    private final Map<ConfigKey<?>, Entry> values = new LinkedHashMap<>();

    /** @param origin where the value was written: {@code file:line:column} or the flag */
    public void put(ConfigKey<?> key, Object value, String origin) {
        values.put(key, new Entry(value, origin));
    }

    /** These values, with those of {@code overrides} in place of any they also set. */
    public ConfigValues overriddenBy(ConfigValues overrides) {
        ConfigValues merged = new ConfigValues();
        merged.values.putAll(values);
        merged.values.putAll(overrides.values);
        return merged;
    }

    /** Where {@code key}'s value was written; empty when it is the default. */
    public Optional<String> origin(ConfigKey<?> key) {
        return Optional.ofNullable(values.get(key)).map(Entry::origin);
    }

    /** Applies every value; throws if together they are impossible (the server's own checks). */
    public Settings settings() throws ConfigException {
        Settings settings = new Settings();
        values.forEach((key, entry) -> key.applyValue(settings, entry.value()));
        try {
            settings.effective();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of("configuration: " + e.getMessage()));
        }
        return settings;
    }
}
