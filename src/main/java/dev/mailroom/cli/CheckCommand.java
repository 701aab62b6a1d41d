package dev.mailroom.cli;

import dev.mailroom.cli.check.CheckReport;
import dev.mailroom.cli.check.SmtpProbe;
import dev.mailroom.cli.check.SmtpTarget;
import dev.mailroom.reply.catalog.ReplyCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailroom check}: a diagnostic SMTP session with every reply explained. Its exit status says how the
 * session went, so usage errors and crashes get the sysexits.h codes instead of picocli's 2 and 1, which would
 * read as "permanent" and "transient".
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Open an SMTP session (EHLO, optional STARTTLS, optional MAIL FROM and RCPT TO, never any data),",
            "print the transcript with every reply explained, and end with a verdict."},
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:accepted: every reply was positive", "1:transient failure: a 4xx reply, a timeout, a lost connection",
            "2:permanent failure: a 5xx reply, no STARTTLS, a TLS failure, not an SMTP server",
            "3:could not connect: refused, timed out, unknown host", "64:usage error", "70:internal error"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private OutputOptions output;

    @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "The server; port 25 if none is given. IPv6 with a port: [::1]:2525.")
    private String target;

    @Option(names = "--starttls", description = "Upgrade to TLS with STARTTLS after EHLO; a server that does not offer it fails the check.")
    private boolean startTls;

    @Option(names = "--insecure", description = "With --starttls: accept any certificate for any name (self-signed test servers).")
    private boolean insecure;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "Send MAIL FROM with this address (<> when only --to is given).")
    private String sender;

    @Option(names = "--to", paramLabel = "ADDRESS", description = "Send RCPT TO with this address (repeatable).")
    private List<String> recipients = List.of();

    @Option(names = "--ehlo", paramLabel = "NAME", description = "Name to greet with. Default: this host's name, or its address literal.")
    private String ehloName;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Longest wait to connect and for each reply. Default: ${DEFAULT-VALUE}.")
    private int timeoutSeconds = 30;

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be a positive number of seconds");
        }
        SmtpProbe.Settings settings = new SmtpProbe.Settings(target(), Optional.ofNullable(ehloName).map(name -> argument("--ehlo", name)),
                startTls, insecure, Optional.ofNullable(sender).map(address -> address("--from", address)),
                recipients.stream().map(address -> address("--to", address)).toList(), Duration.ofSeconds(timeoutSeconds));
        SmtpProbe.Result result = SmtpProbe.run(settings);
        spec.commandLine().getOut().print(new CheckReport(ReplyCatalog.standard(), output.locale()).render(result, output.format));
        spec.commandLine().getOut().flush();
        return result.verdict().outcome().exitCode();
    }

    private SmtpTarget target() {
        try {
            return SmtpTarget.parse(target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid HOST[:PORT]: " + e.getMessage());
        }
    }

    /** An address as typed, with or without angle brackets; the command adds them. */
    private String address(String option, String value) {
        String address = argument(option, value);
        return address.startsWith("<") && address.endsWith(">") ? address.substring(1, address.length() - 1) : address;
    }

    /** A value that goes into a command line: a CR or LF in it would smuggle in a command of its own. */
    private String argument(String option, String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new ParameterException(spec.commandLine(), option + " must not contain control characters");
        }
        return value.strip();
    }
}
