package dev.mailroom.cli;

import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.protocol.BodyType;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailroom queue}: the relay queue of a data directory, running server or not. Changes are written the way
 * the server writes them (atomic rename), and the server's queue runner reads every entry afresh before it
 * delivers, so {@code retry} and {@code delete} take effect at its next scan.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "List, show, retry or delete the messages in the relay queue of a data directory.",
        subcommands = {QueueCommand.ListCommand.class, QueueCommand.ShowCommand.class, QueueCommand.RetryCommand.class,
            QueueCommand.DeleteCommand.class})
final class QueueCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code --data} option every queue command takes. */
    static class DataOption {
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
                description = "The server's data directory (default: ${DEFAULT-VALUE}); the queue is DIR/queue.")
        Path data;

        MailQueue open() throws IOException {
            return MailQueue.open(data.resolve("queue"), Clock.systemUTC(), false);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per queued message.")
    static final class ListCommand extends DataOption implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<QueueEntry> entries = open().entries();
            for (QueueEntry entry : entries) {
                out.printf("%s  %s  from <%s>  %d recipient(s): %d pending, %d deferred, %d delivered, %d bounced  next %s%n",
                        entry.id(), entry.queuedAt(), entry.sender().orElse(""), entry.recipients().size(),
                        entry.count(RecipientStatus.PENDING), entry.count(RecipientStatus.DEFERRED),
                        entry.count(RecipientStatus.DELIVERED), entry.count(RecipientStatus.BOUNCED),
                        entry.nextAttempt().map(Object::toString).orElse("-"));
            }
            out.printf("%d message(s) queued%n", entries.size());
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The envelope and every recipient's state.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:shown", "1:no such message"})
    static final class ShowCommand extends DataOption implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID")
        private String id;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Optional<QueueEntry> found = open().read(id);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("no queued message " + id);
                return 1;
            }
            QueueEntry entry = found.get();
            out.printf("id:      %s%nqueued:  %s%nsender:  <%s>%s%s%s%n", entry.id(), entry.queuedAt(), entry.sender().orElse(""),
                    entry.body() == BodyType.SEVEN_BIT ? "" : " BODY=" + entry.body().keyword(), entry.smtpUtf8() ? " SMTPUTF8" : "",
                    entry.dsn().mailParameters());
            for (RecipientState recipient : entry.recipients()) {
                out.printf("  <%s>%s  %s%s%s%s%s%n", recipient.address(), recipient.dsn().rcptParameters(), recipient.status().key(),
                        recipient.expired() ? " (queue lifetime expired)" : "",
                        recipient.nextAttempt().filter(next -> !recipient.status().isFinal()).map(next -> "  next " + next).orElse(""),
                        recipient.remoteHost().map(host -> "  host " + host).orElse(""),
                        recipient.lastReply().map(reply -> "  reply: " + reply).orElse(""));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Make deferred recipients due now: of one message, or of every message without ID.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:no such message"})
    static final class RetryCommand extends DataOption implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "0..1")
        private String id;

        @Override
        public Integer call() throws IOException {
            MailQueue queue = open();
            List<QueueEntry> entries = id == null ? queue.entries() : queue.read(id).map(List::of).orElse(List.of());
            if (id != null && entries.isEmpty()) {
                spec.commandLine().getErr().println("no queued message " + id);
                return 1;
            }
            int count = 0;
            for (QueueEntry entry : entries) {
                if (queue.update(entry.dueAt(queue.clock().instant()))) {
                    count++;
                }
            }
            spec.commandLine().getOut().printf("%d message(s) due now%n", count);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Remove a message from the queue, without a bounce.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:deleted", "1:no such message"})
    static final class DeleteCommand extends DataOption implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID")
        private String id;

        @Override
        public Integer call() throws IOException {
            if (!open().delete(id)) {
                spec.commandLine().getErr().println("no queued message " + id);
                return 1;
            }
            spec.commandLine().getOut().println("deleted " + id);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
