package dev.mailroom.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Flushes a whole file system to disk: {@code sync -f} (syncfs(2)), which Java has no call for. One call
 * makes durable every Maildir file and directory entry written since the last one, which is what lets the
 * journal be trimmed without an fsync per message.
 */
final class FileSystemSync {
    private static final long TIMEOUT_SECONDS = 120;

    private FileSystemSync() {
    }

    /** Syncs the file system holding {@code path}; throws if that could not be confirmed. */
    static void sync(Path path) throws IOException {
        Process process = new ProcessBuilder("sync", "-f", path.toString()).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("sync -f did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while syncing", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("sync -f " + path + " failed: " + new String(process.getInputStream().readAllBytes()).strip());
        }
    }
}
