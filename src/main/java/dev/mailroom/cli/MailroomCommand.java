package dev.mailroom.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailroom} command line. */
@Command(name = "mailroom", mixinStandardHelpOptions = true, versionProvider = MailroomCommand.Version.class,
        description = "An SMTP server and relay whose every reply code is right.",
        subcommands = {ServeCommand.class, ConfigCommand.class, ReloadCommand.class, UserCommand.class, ExplainCommand.class,
            CompareCommand.class, CheckCommand.class, DocsCommand.class, QueueCommand.class})
public final class MailroomCommand implements Runnable {

    public static void main(String[] args) {
        LogSetup.useDefault();
        System.exit(commandLine().execute(args));
    }

    /** The command line with its settings: {@code --format JSON} works as well as {@code --format json}. */
    static CommandLine commandLine() {
        return new CommandLine(new MailroomCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Version and build, from the properties Maven writes at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = MailroomCommand.class.getResourceAsStream("/dev/mailroom/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "Mailroom " + properties.getProperty("version", "unknown")
                        + " (built " + properties.getProperty("built", "unknown") + ")",
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
