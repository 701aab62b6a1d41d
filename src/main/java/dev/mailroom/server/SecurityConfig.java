package dev.mailroom.server;

import dev.mailroom.policy.AuthThrottle;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The TLS and AUTH side of a server's configuration. Names match the command-line flags and the configuration
 * keys ({@code dev.mailroom.config.ConfigKeys}: {@code server.smtps}, {@code [tls]}, {@code [auth]}).
 *
 * @param tls           the certificate; with one, the {@code listen} ports offer STARTTLS
 * @param smtps         submission over implicit TLS (RFC 8314, {@code --smtps}): AUTH required
 * @param submission    submission with STARTTLS (RFC 6409, {@code --submission}): TLS and AUTH required
 * @param users         the users file ({@code --users}); with one, AUTH is offered over TLS
 * @param authLimits    how failed AUTH attempts from one address are slowed down and refused
 * @param plaintextAuth offer AUTH without TLS too: passwords in clear, for loopback tests only
 * @param anySender     let authenticated users send with any MAIL FROM ({@code --any-sender}); otherwise
 *                      553 5.7.1 for an address that is not theirs
 */
public record SecurityConfig(Optional<TlsSource> tls, List<InetSocketAddress> smtps, List<InetSocketAddress> submission,
                             Optional<Path> users, AuthThrottle.Limits authLimits, boolean plaintextAuth, boolean anySender) {
    public SecurityConfig {
        smtps = List.copyOf(smtps);
        submission = List.copyOf(submission);
        boolean submits = !smtps.isEmpty() || !submission.isEmpty();
        if (submits && tls.isEmpty()) {
            throw new IllegalArgumentException("submission listeners (smtps, submission) need a TLS certificate");
        }
        if (submits && users.isEmpty()) {
            throw new IllegalArgumentException("submission listeners (smtps, submission) need users (auth.users)");
        }
    }
}
