package dev.mailroom.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;

/** Tells a full disk from other storage failures: the first is 452 4.3.1, the rest 451 4.3.0. */
public final class StorageErrors {
    private StorageErrors() {
    }

    public static boolean isOutOfSpace(IOException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String text = t instanceof FileSystemException fs ? fs.getReason() : t.getMessage();
            if (text != null && (text.contains("No space left") || text.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
