package dev.mailroom.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One setting: its key {@code name} in {@code [table]} of the file, which is also its flag {@code --name},
 * the type of its values, how it is applied, and how to read its effective value back.
 *
 * @param aliases other flags for the same setting (the singular {@code --domain} for {@code domains})
 * @param current the effective value, {@code null} when the setting is off
 */
public record ConfigKey<T>(String table, String name, ValueType<T> type, String description, List<String> aliases,
                           BiConsumer<Settings, T> apply, Function<EffectiveConfig, T> current) {

    static <T> ConfigKey<T> of(String table, String name, ValueType<T> type, String description,
                               BiConsumer<Settings, T> apply, Function<EffectiveConfig, T> current) {
        return new ConfigKey<>(table, name, type, description, List.of(), apply, current);
    }

    ConfigKey<T> withAlias(String flag) {
        List<String> all = new ArrayList<>(aliases);
        all.add(flag);
        return new ConfigKey<>(table, name, type, description, all, apply, current);
    }

    /** {@code table.name}, as messages name the key. */
    public String path() {
        return table + "." + name;
    }

    /** The flag first, then its aliases. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        flags.add("--" + name);
        flags.addAll(aliases);
        return flags;
    }

    /** Applies a value this key's type produced (from a flag or from the file). */
    @SuppressWarnings("unchecked")
    void applyValue(Settings settings, Object value) {
        apply.accept(settings, (T) value);
    }

    /** The effective value as TOML, empty when the setting is off. */
    public Optional<String> currentToml(EffectiveConfig config) {
        return Optional.ofNullable(current.apply(config)).map(type::toToml);
    }
}
