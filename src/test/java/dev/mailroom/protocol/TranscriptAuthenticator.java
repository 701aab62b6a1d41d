package dev.mailroom.protocol;

import java.util.Map;

/**
 * The users of a transcript ({@code @users alice:secret}): a password of {@code !unavailable} makes the back
 * end fail for that user (454), and after {@code @max-auth-failures N} rejections the client is refused (421).
 * An authorization identity other than the user's own is rejected, as Mailroom's users file does.
 */
final class TranscriptAuthenticator implements Authenticator {
    private final Map<String, String> users;
    private final int maxFailures;
    private int failures;

    TranscriptAuthenticator(Map<String, String> users, int maxFailures) {
        this.users = Map.copyOf(users);
        this.maxFailures = maxFailures;
    }

    @Override
    public Verdict authenticate(Credentials credentials) {
        if (failures >= maxFailures) {
            return new Verdict.TooManyFailures();
        }
        String password = users.get(credentials.username());
        if ("!unavailable".equals(password)) {
            return new Verdict.Unavailable();
        }
        boolean ownIdentity = credentials.authorizationId().isEmpty() || credentials.authorizationId().equals(credentials.username());
        if (password != null && password.equals(credentials.password()) && ownIdentity) {
            return new Verdict.Accepted(credentials.username());
        }
        failures++;
        return new Verdict.Rejected();
    }
}
