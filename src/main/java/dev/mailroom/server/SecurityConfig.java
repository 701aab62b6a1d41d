package dev.mailroom.server;

import dev.mailroom.policy.AuthThrottle;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The TLS and AUTH side of a server's configuration. Names match the command-line flags.
 *
 * @param tls           the certificate; with one, the {@code listen} ports offer STARTTLS
 * @param smtps         implicit-TLS listeners (RFC 8314, {@code --smtps}); they need {@code tls}
 * @param users         the users file ({@code --users}); with one, AUTH is offered over TLS
 * @param authLimits    how failed AUTH attempts from one address are slowed down and refused
 * @param plaintextAuth offer AUTH without TLS too: passwords in clear, for loopback tests only
 */
public record SecurityConfig(Optional<TlsSource> tls, List<InetSocketAddress> smtps, Optional<Path> users,
                             AuthThrottle.Limits authLimits, boolean plaintextAuth) {
    public SecurityConfig {
        smtps = List.copyOf(smtps);
        if (!smtps.isEmpty() && tls.isEmpty()) {
            throw new IllegalArgumentException("an implicit-TLS listener (smtps) needs a TLS certificate");
        }
    }
}
