package dev.mailroom.cli;

import java.io.IOException;

import dev.mailroom.config.ConfigException;
import dev.mailroom.config.ConfigFile;
import dev.mailroom.config.ConfigValues;
import dev.mailroom.config.Settings;
import dev.mailroom.config.StartupChecks;
import dev.mailroom.server.MailroomServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code mailroom serve}: runs the server until SIGTERM or Ctrl-C, then drains gracefully; SIGHUP reloads
 * the configuration. Its setting flags
 * are made from the configuration keys ({@link SettingOptions}); flags override the file.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = "Run the SMTP server (default: 127.0.0.1:2525, domain localhost, Maildir under ./data, "
                + "STARTTLS with a self-signed certificate).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Read settings from this TOML file; flags override it.")
    private Path configFile;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        Settings settings;
        try {
            settings = checkedSettings();
        } catch (ConfigException e) {
            e.problems().forEach(problem -> spec.commandLine().getErr().println("mailroom: " + problem));
            return ExitCodes.CONFIG;
        }
        LogSetup.use(settings.logFormat());
        MailroomServer server = settings.server().build().start();
        Path dataDirectory = server.config().dataDirectory();
        PidFile.write(dataDirectory);
        ConfigReload reload = new ConfigReload(this::settings, server);
        // SIGHUP, as daemons have always reloaded; the handler runs on a thread of its own.
        Signal.handle(new Signal("HUP"), signal -> reload.reload());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            PidFile.remove(dataDirectory);
            // The drain is done, so this is a clean exit. Left alone, the JVM would exit with 128 + the
            // signal (143 for SIGTERM), which service managers count as a failure.
            Runtime.getRuntime().halt(0);
        }, "mailroom-shutdown"));
        Thread.currentThread().join();   // serve until a signal runs the hook above
        return 0;
    }

    /** The file's settings with the flags' in their place, checked on this machine before anything opens. */
    Settings checkedSettings() throws ConfigException {
        ConfigValues values = values();
        Settings settings = values.settings();
        StartupChecks.verify(settings.server().config(), settings.server().security(), values);
        return settings;
    }

    /** The file read again, with the same flags in their place; no address checks, since they are ours now. */
    private Settings settings() throws ConfigException {
        return values().settings();
    }

    private ConfigValues values() throws ConfigException {
        return (configFile == null ? new ConfigValues() : ConfigFile.read(configFile)).overriddenBy(SettingOptions.given(spec));
    }
}
