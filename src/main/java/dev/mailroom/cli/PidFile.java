package dev.mailroom.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code <data>/mailroom.pid}: how {@code mailroom reload} finds the server that serves a data directory.
 * Written when {@code serve} has started, removed when it stops; a file left by a crash names a process that
 * no longer exists, which {@link #runningServer} notices.
 */
final class PidFile {
    private static final String NAME = "mailroom.pid";

    private PidFile() {
    }

    static void write(Path dataDirectory) throws IOException {
        Path temporary = dataDirectory.resolve(NAME + ".tmp");
        Files.writeString(temporary, ProcessHandle.current().pid() + "\n");
        Files.move(temporary, dataDirectory.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void remove(Path dataDirectory) {
        try {
            Files.deleteIfExists(dataDirectory.resolve(NAME));
        } catch (IOException ignored) {
            // a stale pid file is recognised as such by runningServer
        }
    }

    /** The live process named by the pid file, if there is one. */
    static Optional<ProcessHandle> runningServer(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
