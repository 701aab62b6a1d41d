package dev.mailroom.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The users file: one {@code name:hash} line per user, {@code #} comments and blank lines ignored, like an
 * htpasswd or Dovecot passwd file. Names are compared in lower case; hashes are those {@link PasswordHashes}
 * reads. The file is written whole to a temporary file, made readable by its owner only, and renamed.
 */
public final class UsersFile {
    private static final int MAX_NAME_LENGTH = 255;

    private UsersFile() {
    }

    /** The users, name (lower case) to hash, in file order. */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> users = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : normalize(line.substring(0, colon));
            String hash = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (!validName(name) || !PasswordHashes.isSupported(hash)) {
                throw new IOException(file + ":" + (i + 1) + ": expected name:hash with an Argon2 or bcrypt hash");
            }
            users.put(name, hash);
        }
        return users;
    }

    /** Replaces the file with these users. */
    public static void write(Path file, Map<String, String> users) throws IOException {
        StringBuilder text = new StringBuilder("# Mailroom users: name:hash (Argon2id or bcrypt). Edit with `mailroom user`.\n");
        users.forEach((name, hash) -> text.append(name).append(':').append(hash).append('\n'));
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the directory's permissions apply
        }
        try {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
        Durability.syncDirectory(absolute.getParent());
    }

    /** User names are case-insensitive, as mail addresses nearly always are. */
    public static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** Not empty, at most 255 characters, no colon, space or control character. */
    public static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        return name.chars().noneMatch(c -> c == ':' || Character.isWhitespace(c) || Character.isISOControl(c));
    }
}
