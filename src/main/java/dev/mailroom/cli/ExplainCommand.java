package dev.mailroom.cli;

import dev.mailroom.cli.explain.Explainer;
import dev.mailroom.cli.explain.Terminal;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailroom explain}: what a reply code means, why it is sent, and what to do about it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain SMTP reply codes: 421, 5.7.1, or a whole reply such as",
            "\"550 5.1.1 <bob@example.com>: Recipient address rejected\" (several lines allowed, also joined by \\n)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every code explained", "2:an unknown or malformed code, or a usage error"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "CODE|REPLY", description = "Codes to explain, or the text of a reply.")
    private List<String> inputs;

    /** Where text output goes; tests replace it. */
    Terminal terminal = Terminal.current();

    @Override
    public Integer call() {
        Explainer.Result result = new Explainer(ReplyCatalog.standard(), output.locale(), output.format, terminal).explain(inputs);
        return Results.print(result, spec);
    }
}
