package dev.mailroom.cli;

import dev.mailroom.config.ConfigException;
import dev.mailroom.config.ConfigFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailroom config check FILE} and {@code mailroom config example}. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check or write a configuration file.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Example.class})
final class ConfigCommand implements Runnable {
    static final String EXAMPLE = "/dev/mailroom/config/mailroom.example.toml";

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** picocli's writer flushes only on println. */
    private static void print(CommandSpec spec, String text) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate FILE and print the effective configuration, defaults included. "
                    + "Exit status 78 when it is not valid. Addresses are not bound here, so the file of a "
                    + "running server can be checked; serve checks them at start.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        private Path file;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            try {
                String effective = ConfigFile.read(file).settings().effective().toToml();
                print(spec, "# " + file + ": valid. Effective configuration:\n" + effective);
                return 0;
            } catch (ConfigException e) {
                e.problems().forEach(problem -> spec.commandLine().getErr().println(problem));
                return ExitCodes.CONFIG;
            }
        }
    }

    @Command(name = "example", mixinStandardHelpOptions = true, description = "Print a commented example configuration.")
    static final class Example implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (InputStream in = ConfigCommand.class.getResourceAsStream(EXAMPLE)) {
                print(spec, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return 0;
        }
    }
}
