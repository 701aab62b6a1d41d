package dev.mailroom.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads a {@code mailroom.toml}. Every problem is reported, not just the first, each as
 * {@code file:line:column: table.key: what is wrong}: syntax errors, unknown tables and keys, values of the
 * wrong type and values out of range.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    public static ConfigValues read(Path file) throws ConfigException {
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        toml.errors().forEach(error -> problems.add(where(file, error.position()) + ": " + error.getMessage()));
        ConfigValues values = new ConfigValues();
        if (problems.isEmpty()) {
            for (String tableName : toml.keySet()) {
                String at = where(file, toml.inputPositionOf(tableName));
                if (!(toml.get(tableName) instanceof TomlTable table) || !ConfigKeys.isTable(tableName)) {
                    problems.add(at + ": " + tableName + ": " + unknownTable(tableName));
                    continue;
                }
                readTable(file, tableName, table, values, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return values;
    }

    private static void readTable(Path file, String tableName, TomlTable table, ConfigValues values,
                                  List<String> problems) {
        for (String name : table.keySet()) {
            String at = where(file, table.inputPositionOf(name));
            Optional<ConfigKey<?>> key = ConfigKeys.find(tableName, name);
            if (key.isEmpty()) {
                problems.add(at + ": " + tableName + "." + name + ": " + unknownKey(tableName, name));
                continue;
            }
            try {
                values.put(key.get(), key.get().type().fromToml(table.get(name)), at);
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + key.get().path() + ": " + e.getMessage());
            }
        }
    }

    private static String unknownTable(String name) {
        return ConfigKeys.named(name)
                .map(key -> "unknown table; did you mean " + key.path() + "?")
                .orElseGet(() -> ConfigKeys.isTable(name)
                        ? "must be a table: [" + name + "]"
                        : "unknown table (tables: " + String.join(", ", ConfigKeys.tables()) + ")");
    }

    private static String unknownKey(String table, String name) {
        return ConfigKeys.named(name)
                .map(key -> "unknown key; did you mean " + key.path() + "?")
                .orElseGet(() -> "unknown key (keys of [" + table + "]: " + String.join(", ", ConfigKeys.keysOf(table)) + ")");
    }

    private static String where(Path file, TomlPosition position) {
        return position == null ? file.toString() : file + ":" + position.line() + ":" + position.column();
    }
}
