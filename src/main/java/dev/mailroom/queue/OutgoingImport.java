package dev.mailroom.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves what an older Mailroom left in {@code <data>/outgoing/} into the relay queue, at startup. Before the relay
 * took authenticated users' mail for other domains, that mail waited there, already acknowledged with 250:
 * {@code new/<id>.envelope} ({@code from <a@b>}, one {@code to <c@d>} per recipient, then lines the queue does not
 * keep) beside {@code new/<id>.eml}. Each message is queued durably before its files are removed, so a crash in
 * between queues it again at the next start: a duplicate, never a loss (RFC 5321 §6.1). An envelope without its
 * message (a crash between the old store's two renames) and files in {@code tmp/} were never acknowledged and are
 * dropped. The directory goes once it is empty.
 */
public final class OutgoingImport {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingImport.class);

    private OutgoingImport() {
    }

    /** Imports every complete message under {@code outgoing} into {@code queue}; returns how many. */
    public static int run(Path outgoing, MailQueue queue) throws IOException {
        if (!Files.isDirectory(outgoing)) {
            return 0;
        }
        Path ready = outgoing.resolve("new");
        int imported = 0;
        for (Path envelope : list(ready, ".envelope")) {
            String id = envelope.getFileName().toString().replaceFirst("\\.envelope$", "");
            Path message = ready.resolve(id + ".eml");
            if (Files.exists(message)) {
                String queueId = enqueue(Files.readAllLines(envelope), message, queue);
                LOG.info("event=outgoing-imported id={} queue-id={}", id, queueId);
                imported++;
                Files.delete(message);
            }
            Files.delete(envelope);
        }
        for (Path unfinished : list(outgoing.resolve("tmp"), "")) {
            Files.delete(unfinished);
        }
        removeIfEmpty(outgoing.resolve("tmp"));
        removeIfEmpty(ready);
        removeIfEmpty(outgoing);
        return imported;
    }

    private static String enqueue(List<String> envelope, Path message, MailQueue queue) throws IOException {
        Optional<String> sender = Optional.empty();
        List<String> recipients = new ArrayList<>();
        for (String line : envelope) {
            if (line.startsWith("from <") && line.endsWith(">")) {
                sender = Optional.of(line.substring(6, line.length() - 1)).filter(address -> !address.isEmpty());
            } else if (line.startsWith("to <") && line.endsWith(">")) {
                recipients.add(line.substring(4, line.length() - 1));
            }
        }
        try (MailQueue.QueueWriter writer = queue.begin(sender, recipients); InputStream in = Files.newInputStream(message)) {
            in.transferTo(writer.body());
            return writer.commit().id();
        }
    }

    private static List<Path> list(Path directory, String suffix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void removeIfEmpty(Path directory) throws IOException {
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException e) {
            LOG.warn("event=outgoing-left directory={} reason=\"not empty: files Mailroom did not write\"", directory);
        }
    }
}
