package dev.mailroom.e2e;

import dev.mailroom.server.MailroomServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What a server has on disk: the message files in its Maildirs ({@code <data>/mail/<domain>/<local>/}). */
public final class MaildirFiles {
    private static final Set<String> MAILDIR_FOLDERS = Set.of("tmp", "new", "cur");

    private MaildirFiles() {
    }

    /** The Maildir of one mailbox. */
    public static Path maildir(MailroomServer server, String domain, String localPart) {
        return server.config().dataDirectory().resolve("mail").resolve(domain).resolve(localPart);
    }

    /** Every message file in every Maildir, whether in tmp/, new/ or cur/: empty when nothing was kept. */
    public static List<Path> all(MailroomServer server) throws IOException {
        Path root = server.config().dataDirectory().resolve("mail");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> MAILDIR_FOLDERS.contains(path.getParent().getFileName().toString()))
                    .toList();
        }
    }
}
