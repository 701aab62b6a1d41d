package dev.mailroom.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The TLS side of a server's configuration. Names match the command-line flags.
 *
 * @param tls   the certificate; with one, the {@code listen} ports offer STARTTLS
 * @param smtps implicit-TLS listeners (RFC 8314, {@code --smtps}); they need {@code tls}
 */
public record SecurityConfig(Optional<TlsSource> tls, List<InetSocketAddress> smtps) {
    public SecurityConfig {
        smtps = List.copyOf(smtps);
        if (!smtps.isEmpty() && tls.isEmpty()) {
            throw new IllegalArgumentException("an implicit-TLS listener (smtps) needs a TLS certificate");
        }
    }
}
