package dev.mailroom.protocol;

import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.util.Optional;

/**
 * AUTH for one session (RFC 4954): the SASL exchange in progress, if any, and the user once one succeeded.
 * The session checks the command's place in the dialogue; this checks the rest and runs the exchange.
 */
final class Authentication {
    private final SessionSecurity security;
    private final String hostname;
    private Optional<SaslExchange> exchange = Optional.empty();
    private Optional<String> user = Optional.empty();

    Authentication(SessionSecurity security, String hostname) {
        this.security = security;
        this.hostname = hostname;
    }

    /** True while the next line is a SASL response (it holds secrets, and is not a command). */
    boolean awaitingResponse() {
        return exchange.isPresent();
    }

    Optional<String> user() {
        return user;
    }

    /** RFC 4954 §4: password mechanisms only where passwords cannot be overheard (or a test says so). */
    boolean offered(boolean tlsActive) {
        return security.authenticator().isPresent() && (tlsActive || security.plaintextAuth());
    }

    /** RFC 4954 §4: the checks in the order a client can act on them, then the exchange's first step. */
    Reply start(Command.Auth auth, boolean tlsActive) {
        if (user.isPresent()) {
            return Replies.ALREADY_AUTHENTICATED_503;
        }
        if (!offered(tlsActive)) {
            return Replies.ENCRYPTION_REQUIRED_538;
        }
        Optional<SaslExchange> started = SaslExchange.of(auth.mechanism());
        if (started.isEmpty()) {
            return Replies.UNKNOWN_MECHANISM_504;
        }
        exchange = started;
        return step(started.get().begin(auth.initialResponse()));
    }

    /** The client's answer to a 334 challenge. */
    Reply respond(String response) {
        return step(exchange.orElseThrow().respond(response));
    }

    /** A response too long to read ends the exchange. */
    void abandon() {
        exchange = Optional.empty();
    }

    /** RFC 3207 §4.2: after STARTTLS nothing learnt before it counts, the user included. */
    void forget() {
        exchange = Optional.empty();
        user = Optional.empty();
    }

    private Reply step(SaslExchange.Outcome outcome) {
        return switch (outcome) {
            case SaslExchange.Outcome.Challenge challenge -> Replies.AUTH_CHALLENGE_334.with(challenge.text());
            case SaslExchange.Outcome.Failed failed -> {
                exchange = Optional.empty();
                yield failed.reply();
            }
            case SaslExchange.Outcome.Complete complete -> {
                exchange = Optional.empty();
                yield switch (security.authenticator().orElseThrow().authenticate(complete.credentials())) {
                    case Authenticator.Verdict.Accepted accepted -> {
                        user = Optional.of(accepted.user());
                        yield Replies.AUTH_SUCCEEDED_235;
                    }
                    case Authenticator.Verdict.Rejected rejected -> Replies.AUTH_INVALID_535;
                    case Authenticator.Verdict.Unavailable unavailable -> Replies.AUTH_UNAVAILABLE_454;
                    case Authenticator.Verdict.TooManyFailures tooMany -> Replies.TOO_MANY_AUTH_FAILURES_421.with(hostname);
                };
            }
        };
    }
}
