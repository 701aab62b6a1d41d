package dev.mailroom.protocol;

import dev.mailroom.policy.SitePolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A golden transcript file, parsed: the session's settings from the header directives, then the items
 * (commands, events, body octets, expected replies) in file order. The format is documented in
 * {@code src/test/resources/transcripts/README.md} and at the top of {@link TranscriptTest}.
 */
record Transcript(String name, SessionSettings settings, SessionSecurity security, Set<String> localDomains,
                  boolean storageHasRoom, Admission admission, List<Item> items) {

    static final String DEFAULT_HOSTNAME = "mx.example.com";
    static final long DEFAULT_MAX_MESSAGE_SIZE = 1_048_576;
    static final int DEFAULT_MAX_RECIPIENTS = 100;
    static final int DEFAULT_MAX_ERRORS = 20;
    static final String DEFAULT_LOCAL_DOMAIN = "example.com";

    enum Kind {
        /** {@code C: line} a command line, CRLF not included. */
        COMMAND,
        /** {@code S: line} one line of the expected reply. */
        REPLY,
        /** {@code D: text} body octets: the text and a CRLF. */
        BODY,
        /** {@code M: text} one line (plus CRLF) of the body the last stored message must have. */
        STORED_BODY,
        /** {@code @write-fails disk-full|io-error} storage fails for the body being received. */
        WRITE_FAILS,
        LINE_TOO_LONG,
        TIMEOUT,
        SHUTDOWN,
        /** {@code @handshake} the TLS handshake the session asked for succeeds here. */
        HANDSHAKE,
        /** {@code @closed} the session asks to close the connection here. */
        CLOSED
    }

    /**
     * One item: {@code text} is what follows the prefix ({@code \xHH} escapes still in it), {@code line} the
     * whole line as written, for messages.
     */
    record Item(int lineNumber, Kind kind, String text, String line) {
        /** The octets of a C:, D: or M: item: UTF-8 text with {@code \xHH} escapes decoded; D: and M: add CRLF. */
        byte[] octets() {
            byte[] text = Transcript.decode(this.text);
            if (kind == Kind.COMMAND) {
                return text;
            }
            byte[] line = Arrays.copyOf(text, text.length + 2);
            line[text.length] = '\r';
            line[text.length + 1] = '\n';
            return line;
        }
    }

    SitePolicy policy() {
        return new SitePolicy(localDomains, () -> storageHasRoom);
    }

    static Transcript parse(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Transcript parse(String name, List<String> lines) {
        return new Parser(name).parse(lines);
    }

    /** {@code \xHH} is the octet HH (for control characters and malformed UTF-8); everything else is UTF-8. */
    static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 2);
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("\\x", i) && i + 4 <= text.length() && isHex(text.substring(i + 2, i + 4))) {
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                int next = text.offsetByCodePoints(i, 1);
                out.writeBytes(text.substring(i, next).getBytes(StandardCharsets.UTF_8));
                i = next;
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(String two) {
        return two.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static final class Parser {
        private final String name;
        private String hostname = DEFAULT_HOSTNAME;
        private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int maxRecipients = DEFAULT_MAX_RECIPIENTS;
        private int maxErrors = DEFAULT_MAX_ERRORS;
        private boolean acceptsMail = true;
        private Set<String> localDomains = Set.of(DEFAULT_LOCAL_DOMAIN);
        private boolean storageHasRoom = true;
        private Admission admission = Admission.ACCEPTED;
        private SessionSecurity.TlsMode tls = SessionSecurity.TlsMode.UNAVAILABLE;
        private boolean tlsRequired;
        private final java.util.Map<String, String> users = new java.util.LinkedHashMap<>();
        private int maxAuthFailures = Integer.MAX_VALUE;
        private boolean authRequired;
        private boolean plaintextAuth;
        private final List<Item> items = new ArrayList<>();

        Parser(String name) {
            this.name = name;
        }

        Transcript parse(List<String> lines) {
            int i = 0;
            while (i < lines.size()) {
                String line = lines.get(i);
                if (line.startsWith("@repeat ")) {
                    i = repeat(lines, i);
                    continue;
                }
                item(i + 1, line);
                i++;
            }
            return new Transcript(name, new SessionSettings(hostname, maxMessageSize, maxRecipients, maxErrors, acceptsMail,
                    SessionSettings.MIN_LINE_LENGTH),
                    security(), localDomains, storageHasRoom, admission, List.copyOf(items));
        }

        private SessionSecurity security() {
            java.util.Optional<Authenticator> authenticator = users.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(new TranscriptAuthenticator(users, maxAuthFailures));
            return new SessionSecurity(tls, tlsRequired, authenticator, authRequired, plaintextAuth);
        }

        /** {@code @repeat N} ... {@code @end}: the lines between, N times, with {n} replaced by 1..N. */
        private int repeat(List<String> lines, int start) {
            int count = Integer.parseInt(lines.get(start).substring("@repeat ".length()).strip());
            int end = start + 1;
            while (end < lines.size() && !lines.get(end).equals("@end")) {
                end++;
            }
            if (end == lines.size()) {
                throw failure(start + 1, "@repeat without @end");
            }
            for (int n = 1; n <= count; n++) {
                for (int i = start + 1; i < end; i++) {
                    item(i + 1, lines.get(i).replace("{n}", Integer.toString(n)));
                }
            }
            return end + 1;
        }

        private void item(int number, String line) {
            if (line.isBlank() || line.startsWith("#")) {
                return;
            }
            if (line.length() >= 2 && line.charAt(1) == ':') {
                Kind kind = switch (line.charAt(0)) {
                    case 'C' -> Kind.COMMAND;
                    case 'S' -> Kind.REPLY;
                    case 'D' -> Kind.BODY;
                    case 'M' -> Kind.STORED_BODY;
                    default -> throw failure(number, "unknown prefix: " + line);
                };
                // One space separates the prefix from the text; the text itself may be empty ("D:").
                String text = line.length() > 2 && line.charAt(2) == ' ' ? line.substring(3) : line.substring(2);
                items.add(new Item(number, kind, text, line));
                return;
            }
            if (!line.startsWith("@")) {
                throw failure(number, "not a transcript line: " + line);
            }
            String[] words = line.substring(1).strip().split("\\s+");
            String argument = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "line-too-long" -> items.add(new Item(number, Kind.LINE_TOO_LONG, "", line));
                case "timeout" -> items.add(new Item(number, Kind.TIMEOUT, "", line));
                case "shutdown" -> items.add(new Item(number, Kind.SHUTDOWN, "", line));
                case "closed" -> items.add(new Item(number, Kind.CLOSED, "", line));
                case "handshake" -> items.add(new Item(number, Kind.HANDSHAKE, "", line));
                case "write-fails" -> {
                    if (!argument.equals("disk-full") && !argument.equals("io-error")) {
                        throw failure(number, "@write-fails takes disk-full or io-error");
                    }
                    items.add(new Item(number, Kind.WRITE_FAILS, argument, line));
                }
                default -> header(number, words);
            }
        }

        private void header(int number, String[] words) {
            if (!items.isEmpty()) {
                throw failure(number, "header directive after the first item: @" + words[0]);
            }
            switch (words[0]) {
                case "hostname" -> hostname = words[1];
                case "max-message-size" -> maxMessageSize = Long.parseLong(words[1]);
                case "max-recipients" -> maxRecipients = Integer.parseInt(words[1]);
                case "max-errors" -> maxErrors = Integer.parseInt(words[1]);
                case "no-inbound" -> acceptsMail = false;
                case "local-domains" -> localDomains = new HashSet<>(Arrays.asList(words).subList(1, words.length));
                case "storage-short" -> storageHasRoom = false;
                case "tls" -> tls = SessionSecurity.TlsMode.valueOf(words[1].toUpperCase(Locale.ROOT));
                case "tls-required" -> tlsRequired = true;
                case "users" -> Arrays.asList(words).subList(1, words.length).forEach(pair ->
                        users.put(pair.substring(0, pair.indexOf(':')), pair.substring(pair.indexOf(':') + 1)));
                case "max-auth-failures" -> maxAuthFailures = Integer.parseInt(words[1]);
                case "auth-required" -> authRequired = true;
                case "plaintext-auth" -> plaintextAuth = true;
                case "admission" -> admission = Admission.valueOf(words[1].toUpperCase(Locale.ROOT).replace('-', '_'));
                default -> throw failure(number, "unknown directive @" + words[0]);
            }
        }

        private IllegalArgumentException failure(int number, String message) {
            return new IllegalArgumentException(name + ":" + number + ": " + message);
        }
    }
}
