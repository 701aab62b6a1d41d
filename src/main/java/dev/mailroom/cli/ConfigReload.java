package dev.mailroom.cli;

import dev.mailroom.config.ConfigException;
import dev.mailroom.config.EffectiveConfig;
import dev.mailroom.config.Settings;
import dev.mailroom.server.MailroomServer;
import dev.mailroom.transport.LogLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration of a running server (on SIGHUP): reads the file and the flags again, and applies
 * them only if they are valid and need no restart; otherwise the running configuration stays, and the log
 * says why.
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
            server.reconfigure(effective.server(), effective.security());
            LogSetup.use(settings.logFormat());
            LogLine.info(LOG).add("event", "reloaded").log();
            return true;
        } catch (ConfigException e) {
            e.problems().forEach(ConfigReload::refused);
        } catch (IllegalArgumentException e) {
            refused(e.getMessage());
        }
        return false;
    }

    private static void refused(String problem) {
        LogLine.error(LOG).add("event", "reload-refused").add("keeping", "running-configuration").add("problem", problem).log();
    }
}
