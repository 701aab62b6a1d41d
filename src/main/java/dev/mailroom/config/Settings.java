package dev.mailroom.config;

import dev.mailroom.server.MailroomServer;
import dev.mailroom.server.ServerBuilder;
import dev.mailroom.server.TlsSource;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What settings are applied to: the server's builder, plus what only the standalone server has: the log format,
 * and the certificate made of the {@code [tls]} keys (by default a self-signed one, so STARTTLS is always
 * offered).
 */
public final class Settings {
    /** Where the keystore's password comes from when {@code tls.tls-keystore-password} is not set. */
    public static final String KEYSTORE_PASSWORD_VARIABLE = "MAILROOM_TLS_KEYSTORE_PASSWORD";

    private final ServerBuilder server = MailroomServer.builder();
    private LogFormat logFormat = LogFormat.TEXT;
    private Path tlsCertificate;
    private Path tlsKey;
    private Path tlsKeystore;
    private String tlsKeystorePassword;
    private boolean noTls;

    public Settings() {
        server.tls(new TlsSource.SelfSigned());
    }

    public ServerBuilder server() {
        return server;
    }

    public LogFormat logFormat() {
        return logFormat;
    }

    void logFormat(LogFormat format) {
        this.logFormat = format;
    }

    void tlsCertificate(Path file) {
        this.tlsCertificate = file;
        applyTls();
    }

    void tlsKey(Path file) {
        this.tlsKey = file;
        applyTls();
    }

    void tlsKeystore(Path file) {
        this.tlsKeystore = file;
        applyTls();
    }

    void tlsKeystorePassword(String password) {
        this.tlsKeystorePassword = password;
        applyTls();
    }

    void noTls(boolean off) {
        this.noTls = off;
        applyTls();
    }

    /** Gives the builder the certificate as far as the keys set so far describe one; {@link #effective()} checks. */
    private void applyTls() {
        try {
            server.tls(tlsSource().orElse(null));
        } catch (IllegalArgumentException incomplete) {
            // another key may complete it; effective() reports it if none does
        }
    }

    /** The certificate the {@code [tls]} keys describe; throws if they contradict each other. */
    private Optional<TlsSource> tlsSource() {
        boolean pem = tlsCertificate != null || tlsKey != null;
        if (pem && (tlsCertificate == null || tlsKey == null)) {
            throw new IllegalArgumentException("tls.tls-cert and tls.tls-key go together");
        }
        if (pem && tlsKeystore != null) {
            throw new IllegalArgumentException("give tls.tls-cert and tls.tls-key, or tls.tls-keystore, not both");
        }
        if (noTls && (pem || tlsKeystore != null)) {
            throw new IllegalArgumentException("tls.no-tls contradicts the certificate settings");
        }
        if (noTls) {
            return Optional.empty();
        }
        if (pem) {
            return Optional.of(new TlsSource.Pem(tlsCertificate, tlsKey));
        }
        if (tlsKeystore != null) {
            String password = tlsKeystorePassword != null ? tlsKeystorePassword : System.getenv(KEYSTORE_PASSWORD_VARIABLE);
            if (password == null) {
                throw new IllegalArgumentException("tls.tls-keystore needs tls.tls-keystore-password or the environment "
                        + "variable " + KEYSTORE_PASSWORD_VARIABLE);
            }
            return Optional.of(new TlsSource.Pkcs12(tlsKeystore, password.toCharArray()));
        }
        return Optional.of(new TlsSource.SelfSigned());
    }

    /** Every setting's value, defaults filled in; throws {@link IllegalArgumentException} if one is impossible. */
    public EffectiveConfig effective() {
        server.tls(tlsSource().orElse(null));
        return new EffectiveConfig(server.config(), server.security(), logFormat, server.relayConfig());
    }
}
