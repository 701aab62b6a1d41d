package dev.mailroom.cli;

import dev.mailroom.config.ConfigException;
import dev.mailroom.config.ConfigKey;
import dev.mailroom.config.ConfigKeys;
import dev.mailroom.config.EffectiveConfig;
import dev.mailroom.config.Settings;
import dev.mailroom.server.MailroomServer;
import dev.mailroom.server.RelayConfig;
import dev.mailroom.transport.LogLine;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration of a running server (on SIGHUP): reads the file and the flags again, and applies
 * them only if they are valid and need no restart; otherwise the running configuration stays, and the log
 * says why. Relay settings other than the relay networks are read only at start: a reload that changes them applies
 * the rest and logs which keys wait for a restart.
 */
final class ConfigReload {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    /** Reads the settings afresh; throws when they are not valid. */
    interface Source {
        Settings read() throws ConfigException;
    }

    private final Source source;
    private final MailroomServer server;

    ConfigReload(Source source, MailroomServer server) {
        this.source = source;
        this.server = server;
    }

    /** @return true if the new configuration is in effect */
    synchronized boolean reload() {
        try {
            Settings settings = source.read();
            EffectiveConfig effective = settings.effective();
            server.reconfigure(effective.server(), effective.security(), effective.relay());
            LogSetup.use(settings.logFormat());
            List<String> waiting = notApplied(effective, server.relayConfig());
            if (!waiting.isEmpty()) {
                LogLine.warn(LOG).add("event", "reload-needs-restart").add("keys", String.join(",", waiting))
                        .add("keeping", "running-values").log();
            }
            LogLine.info(LOG).add("event", "reloaded").log();
            return true;
        } catch (ConfigException e) {
            e.problems().forEach(ConfigReload::refused);
        } catch (IllegalArgumentException e) {
            refused(e.getMessage());
        }
        return false;
    }

    /** The relay keys whose value in {@code wanted} is not the one in effect: they change only with a restart. */
    private static List<String> notApplied(EffectiveConfig wanted, RelayConfig inEffect) {
        EffectiveConfig running = new EffectiveConfig(wanted.server(), wanted.security(), wanted.logFormat(), inEffect);
        return ConfigKeys.ALL.stream().filter(key -> key.table().equals("relay"))
                .filter(key -> !Objects.equals(key.current().apply(wanted), key.current().apply(running)))
                .map(ConfigKey::path).toList();
    }

    private static void refused(String problem) {
        LogLine.error(LOG).add("event", "reload-refused").add("keeping", "running-configuration").add("problem", problem).log();
    }
}
