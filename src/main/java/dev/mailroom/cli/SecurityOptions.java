package dev.mailroom.cli;

import dev.mailroom.server.ServerBuilder;
import dev.mailroom.server.TlsSource;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The TLS and AUTH flags of {@code mailroom serve}. Without a certificate, serve makes a self-signed one for
 * its host name under {@code <data>/tls/} (and logs that it did), so the MX port always offers STARTTLS.
 */
final class SecurityOptions {
    static final String KEYSTORE_PASSWORD_VARIABLE = "MAILROOM_TLS_KEYSTORE_PASSWORD";

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate, followed by its intermediates (e.g. certbot's fullchain.pem). Needs --tls-key.")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM private key of --tls-cert, unencrypted (PKCS#8, PKCS#1 RSA or SEC1 EC).")
    Path key;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS#12 keystore holding the key and its chain.")
    Path keystore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD",
            description = "Password of --tls-keystore. Default: the environment variable " + KEYSTORE_PASSWORD_VARIABLE
                    + " (better: a command line is visible to every user).")
    String keystorePassword;

    @Option(names = "--no-tls", description = "Offer no TLS at all (no STARTTLS, no self-signed certificate).")
    boolean none;

    @Option(names = "--smtps", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Submission over implicit TLS (RFC 8314; port 465 by convention): AUTH required. Needs --users. Repeatable.")
    List<HostPort> smtps = List.of();

    @Option(names = "--submission", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Submission (RFC 6409; port 587 by convention): STARTTLS and AUTH required. Needs --users. Repeatable.")
    List<HostPort> submission = List.of();

    @Option(names = "--any-sender", description = "Let authenticated users send with any MAIL FROM (default: only their own address).")
    boolean anySender;

    @Option(names = "--users", paramLabel = "FILE",
            description = "Users file (see `mailroom user`): AUTH PLAIN/LOGIN is offered over TLS. Re-read when it changes.")
    Path users;

    /** Sets the builder's certificate, TLS listeners and users; throws a usage error for contradictory flags. */
    void applyTo(ServerBuilder builder, CommandLine commandLine) {
        boolean pem = certificate != null || key != null;
        if (pem && (certificate == null || key == null)) {
            throw new CommandLine.ParameterException(commandLine, "--tls-cert and --tls-key go together");
        }
        if (pem && keystore != null) {
            throw new CommandLine.ParameterException(commandLine, "give --tls-cert/--tls-key or --tls-keystore, not both");
        }
        if (none && (pem || keystore != null || !smtps.isEmpty() || !submission.isEmpty())) {
            throw new CommandLine.ParameterException(commandLine, "--no-tls contradicts the other TLS flags");
        }
        if ((!smtps.isEmpty() || !submission.isEmpty()) && users == null) {
            throw new CommandLine.ParameterException(commandLine, "--smtps and --submission need --users");
        }
        if (users != null) {
            builder.users(users);
        }
        builder.anySender(anySender);
        if (none) {
            return;
        }
        if (pem) {
            builder.tls(new TlsSource.Pem(certificate, key));
        } else if (keystore != null) {
            String password = keystorePassword != null ? keystorePassword : System.getenv(KEYSTORE_PASSWORD_VARIABLE);
            if (password == null) {
                throw new CommandLine.ParameterException(commandLine,
                        "--tls-keystore needs --tls-keystore-password or " + KEYSTORE_PASSWORD_VARIABLE);
            }
            builder.tls(new TlsSource.Pkcs12(keystore, password.toCharArray()));
        } else {
            builder.tls(new TlsSource.SelfSigned());
        }
        smtps.forEach(address -> builder.smtps(address.host(), address.port()));
        submission.forEach(address -> builder.submission(address.host(), address.port()));
    }
}
