package dev.mailroom.cli;

import dev.mailroom.cli.explain.Explainer;
import dev.mailroom.cli.explain.Terminal;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailroom compare}: two codes side by side, their key differences, and which one a server should send. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two reply codes side by side, e.g. 421 500 or 450 550.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:both codes compared", "2:an unknown or malformed code, or a usage error"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOptions output;

    @Parameters(index = "0", paramLabel = "CODE", description = "The first code.")
    private String first;

    @Parameters(index = "1", paramLabel = "CODE", description = "The second code.")
    private String second;

    /** Where text output goes; tests replace it. */
    Terminal terminal = Terminal.current();

    @Override
    public Integer call() {
        Explainer.Result result = new Explainer(ReplyCatalog.standard(), output.locale(), output.format, terminal)
                .compare(first, second);
        return Results.print(result, spec);
    }
}
