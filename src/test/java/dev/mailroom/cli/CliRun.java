package dev.mailroom.cli;

import dev.mailroom.cli.explain.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code mailroom} command line in memory: its exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
    static final Terminal PIPE = new Terminal(80, false);

    static CliRun run(String... args) {
        return run(PIPE, args);
    }

    static CliRun run(Terminal terminal, String... args) {
        CommandLine commandLine = MailroomCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        ((ExplainCommand) commandLine.getSubcommands().get("explain").getCommand()).terminal = terminal;
        ((CompareCommand) commandLine.getSubcommands().get("compare").getCommand()).terminal = terminal;
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
