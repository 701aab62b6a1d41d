package dev.mailroom.cli;

import dev.mailroom.cli.explain.Explainer;
import picocli.CommandLine.Model.CommandSpec;

/** Prints an explainer's result: the output on stdout, each error on stderr prefixed with the program name. */
final class Results {
    private Results() {
    }

    static int print(Explainer.Result result, CommandSpec spec) {
        spec.commandLine().getOut().print(result.output());
        spec.commandLine().getOut().flush();
        result.errors().forEach(error -> spec.commandLine().getErr().println("mailroom: " + error));
        spec.commandLine().getErr().flush();
        return result.exitCode();
    }
}
