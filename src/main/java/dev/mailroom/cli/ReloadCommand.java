package dev.mailroom.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailroom reload}: sends SIGHUP to the server of a data directory, which re-reads its configuration,
 * certificates and users without dropping a session (a bad new configuration is refused and logged).
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make the running server of a data directory reload its configuration (SIGHUP).")
final class ReloadCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "The server's data directory. Default: ${DEFAULT-VALUE}.")
    private Path data = Path.of("data");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Optional<ProcessHandle> server = PidFile.runningServer(data);
        if (server.isEmpty()) {
            spec.commandLine().getErr().println("mailroom: no running server for " + data.toAbsolutePath()
                    + " (no live process in " + data.resolve("mailroom.pid") + ")");
            return 1;
        }
        long pid = server.get().pid();
        // The JDK can send SIGTERM and SIGKILL but not SIGHUP, so kill(1) does it.
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            spec.commandLine().getErr().println("mailroom: could not send SIGHUP to process " + pid);
            return 1;
        }
        spec.commandLine().getOut().println("Sent SIGHUP to the server (process " + pid + "); its log says whether the new "
                + "configuration was applied or refused.");
        return 0;
    }
}
