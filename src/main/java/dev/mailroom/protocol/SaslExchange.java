package dev.mailroom.protocol;

import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * One AUTH exchange (RFC 4954 §4) for the mechanisms Mailroom offers: PLAIN (RFC 4616) and LOGIN (the
 * widespread, never standardised one: "Username:" then "Password:"). Each step takes the client's decoded
 * line and says what comes next: another 334 challenge, credentials to check, or a 501 that ends the exchange.
 */
final class SaslExchange {
    /** What the server advertises after "AUTH", in order of preference. */
    static final String MECHANISMS = "PLAIN LOGIN";

    private static final String USERNAME_CHALLENGE = Base64.getEncoder().encodeToString("Username:".getBytes(StandardCharsets.US_ASCII));
    private static final String PASSWORD_CHALLENGE = Base64.getEncoder().encodeToString("Password:".getBytes(StandardCharsets.US_ASCII));

    enum Mechanism { PLAIN, LOGIN }

    /** What an exchange step leads to. */
    sealed interface Outcome {
        /** Send 334 with this (base64) text and wait for the client's next line. */
        record Challenge(String text) implements Outcome {
        }

        /** The exchange is complete: check these. */
        record Complete(Credentials credentials) implements Outcome {
        }

        /** The exchange ends with this reply (cancelled, undecodable). */
        record Failed(Reply reply) implements Outcome {
        }
    }

    private final Mechanism mechanism;
    /** LOGIN's username, once given. */
    private Optional<String> username = Optional.empty();

    private SaslExchange(Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    /** An exchange for this mechanism name (any case), or empty if Mailroom does not offer it. */
    static Optional<SaslExchange> of(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> Optional.of(new SaslExchange(Mechanism.PLAIN));
            case "LOGIN" -> Optional.of(new SaslExchange(Mechanism.LOGIN));
            default -> Optional.empty();
        };
    }

    /** The first step, with the initial response if the AUTH command carried one ("=" is an empty one). */
    Outcome begin(Optional<String> initialResponse) {
        if (initialResponse.isPresent()) {
            return respond(initialResponse.get());
        }
        return new Outcome.Challenge(mechanism == Mechanism.PLAIN ? "" : USERNAME_CHALLENGE);
    }

    /** The client's answer to the last challenge (or its initial response): base64, or "*" to cancel. */
    Outcome respond(String line) {
        if (line.equals("*")) {
            return new Outcome.Failed(Replies.AUTH_CANCELLED_501);   // RFC 4954 §4
        }
        Optional<String> decoded = decode(line);
        if (decoded.isEmpty()) {
            return new Outcome.Failed(Replies.AUTH_UNDECODABLE_501);   // RFC 4954 §4: 501 5.5.2
        }
        String text = decoded.get();
        return switch (mechanism) {
            case PLAIN -> plain(text);
            case LOGIN -> {
                if (username.isEmpty()) {
                    username = Optional.of(text);
                    yield new Outcome.Challenge(PASSWORD_CHALLENGE);
                }
                yield new Outcome.Complete(new Credentials("", username.get(), text));
            }
        };
    }

    /** RFC 4616 §2: [authzid] NUL authcid NUL passwd, with authcid and passwd not empty. */
    private static Outcome plain(String message) {
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (second < 0 || message.indexOf('\0', second + 1) >= 0 || second == first + 1 || second == message.length() - 1) {
            return new Outcome.Failed(Replies.AUTH_UNDECODABLE_501);
        }
        return new Outcome.Complete(new Credentials(message.substring(0, first), message.substring(first + 1, second),
                message.substring(second + 1)));
    }

    /** Strict base64 (no whitespace, proper padding) of well-formed UTF-8; "=" alone is the empty string. */
    private static Optional<String> decode(String line) {
        if (line.equals("=")) {
            return Optional.of("");
        }
        try {
            byte[] octets = Base64.getDecoder().decode(line);
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
