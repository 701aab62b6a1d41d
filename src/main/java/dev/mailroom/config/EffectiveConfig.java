package dev.mailroom.config;

import dev.mailroom.server.RelayConfig;
import dev.mailroom.server.SecurityConfig;
import dev.mailroom.server.ServerConfig;

/** The configuration a server runs with, every default filled in. */
public record EffectiveConfig(ServerConfig server, SecurityConfig security, LogFormat logFormat, RelayConfig relay) {

    /** The configuration as a TOML file, one key per setting, in the tables of {@link ConfigKeys}. */
    public String toToml() {
        StringBuilder out = new StringBuilder();
        String table = "";
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (!key.table().equals(table)) {
                table = key.table();
                out.append(out.isEmpty() ? "" : "\n").append('[').append(table).append("]\n");
            }
            key.currentToml(this).ifPresent(value -> out.append(key.name()).append(" = ").append(value).append('\n'));
        }
        return out.toString();
    }
}
