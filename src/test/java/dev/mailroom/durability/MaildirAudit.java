package dev.mailroom.durability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares what is on disk under {@code <data>/mail} with the {@link Ledger}: every acknowledged message must
 * be in {@code new/} of each of its recipients, and every file outside {@code tmp/} must be a whole message
 * that was sent, stored for one of its recipients, its body byte-identical to what the client meant.
 */
final class MaildirAudit {
    private static final byte[] RETURN_PATH = ("Return-Path: <" + TestMessage.SENDER + ">\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECEIVED = "Received: ".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param storedMarkers  the messages found in at least one {@code new/}
     * @param temporaryFiles leftovers in {@code tmp/} (allowed: Maildir readers never show them)
     * @param problems       everything that breaks the durability contract; empty when it held
     */
    record Report(Set<String> storedMarkers, int temporaryFiles, List<String> problems) {
    }

    private final Path mailRoot;
    private final String hostname;
    private final Ledger ledger;
    private final Set<String> storedMarkers = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private int temporaryFiles;

    private MaildirAudit(Path mailRoot, String hostname, Ledger ledger) {
        this.mailRoot = mailRoot;
        this.hostname = hostname;
        this.ledger = ledger;
    }

    static Report audit(Path mailRoot, String hostname, Ledger ledger) throws IOException {
        MaildirAudit audit = new MaildirAudit(mailRoot, hostname, ledger);
        audit.checkEveryFile();
        audit.checkEveryAcknowledgedMessage();
        return new Report(Set.copyOf(audit.storedMarkers), audit.temporaryFiles, List.copyOf(audit.problems));
    }

    private void checkEveryFile() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(mailRoot)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path relative = mailRoot.relativize(file);   // <domain>/<local>/<folder>/<name>
            String folder = relative.getNameCount() == 4 ? relative.getName(2).toString() : "";
            switch (folder) {
                case "tmp" -> temporaryFiles++;
                case "new" -> checkStoredFile(file, relative.getName(1) + "@" + relative.getName(0));
                default -> problems.add("a file outside tmp/ and new/: " + relative);
            }
        }
    }

    private void checkStoredFile(Path file, String mailbox) throws IOException {
        String name = file.getFileName().toString();
        if (!name.endsWith("." + hostname)) {
            problems.add("not a Mailroom file name: " + file);
            return;
        }
        String id = name.substring(0, name.length() - hostname.length() - 1);
        byte[] stored = Files.readAllBytes(file);
        Optional<Integer> bodyStart = bodyStart(stored);
        if (bodyStart.isEmpty()) {
            problems.add("no Return-Path and Received header: " + file);
            return;
        }
        String trace = new String(stored, 0, bodyStart.get(), StandardCharsets.UTF_8);
        if (!trace.contains(" id " + id)) {
            problems.add("the Received header does not name id " + id + ": " + file);
        }
        byte[] body = Arrays.copyOfRange(stored, bodyStart.get(), stored.length);
        Optional<TestMessage> sent = markerOf(body).flatMap(ledger::sent);
        if (sent.isEmpty()) {
            problems.add("a message nobody sent (or its header is cut): " + file);
            return;
        }
        TestMessage message = sent.get();
        storedMarkers.add(message.marker());
        if (!Arrays.equals(body, message.content())) {
            problems.add("partial or altered: " + file + " holds " + body.length + " body octets of "
                    + message.marker() + ", which has " + message.content().length);
        }
        if (!message.recipients().contains(mailbox)) {
            problems.add(message.marker() + " stored for " + mailbox + ", not one of its recipients " + message.recipients());
        }
        String acknowledgedId = ledger.acknowledged().get(message.marker());
        if (acknowledgedId != null && !acknowledgedId.equals(id)) {
            problems.add(message.marker() + " acknowledged as " + acknowledgedId + " but stored as " + id);
        }
    }

    private void checkEveryAcknowledgedMessage() {
        for (Map.Entry<String, String> entry : ledger.acknowledged().entrySet()) {
            TestMessage message = ledger.sent(entry.getKey()).orElseThrow();
            for (String recipient : message.recipients()) {
                String local = recipient.substring(0, recipient.indexOf('@'));
                Path file = mailRoot.resolve("localhost").resolve(local).resolve("new").resolve(entry.getValue() + "." + hostname);
                if (!Files.isRegularFile(file)) {
                    problems.add("acknowledged with 250 but missing: " + message.marker() + " (id " + entry.getValue()
                            + ") for " + recipient);
                }
            }
        }
    }

    /** Where the client's bytes start: after the Return-Path line and the Received header with its folded lines. */
    private static Optional<Integer> bodyStart(byte[] stored) {
        if (!startsWith(stored, 0, RETURN_PATH) || !startsWith(stored, RETURN_PATH.length, RECEIVED)) {
            return Optional.empty();
        }
        int position = RETURN_PATH.length;
        do {
            int lineEnd = indexOf(stored, (byte) '\n', position);
            if (lineEnd < 0) {
                return Optional.empty();
            }
            position = lineEnd + 1;
        } while (position < stored.length && (stored[position] == '\t' || stored[position] == ' '));
        return Optional.of(position);
    }

    private static Optional<String> markerOf(byte[] body) {
        byte[] header = TestMessage.MARKER_HEADER.getBytes(StandardCharsets.US_ASCII);
        int lineEnd = indexOf(body, (byte) '\r', 0);
        if (!startsWith(body, 0, header) || lineEnd < 0) {
            return Optional.empty();
        }
        return Optional.of(new String(body, header.length, lineEnd - header.length, StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length - offset >= prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
