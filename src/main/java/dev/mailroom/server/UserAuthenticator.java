package dev.mailroom.server;

import dev.mailroom.policy.AuthThrottle;
import dev.mailroom.protocol.Authenticator.Verdict;
import dev.mailroom.protocol.Credentials;
import dev.mailroom.storage.PasswordHashes;
import dev.mailroom.storage.UsersFile;
import dev.mailroom.transport.ClientAuthenticator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTH against the users file. The file is read again when it changes (checked at most every two seconds), so
 * {@code mailroom user add} takes effect without a restart; a file that cannot be read keeps the users known
 * before. A hash that cannot be checked answers {@link Verdict.Unavailable} (454).
 *
 * <p>Defences: an unknown user costs the same hash computation as a known one (no user enumeration by
 * timing); an authorization identity other than the user's own is refused; failures per client address are
 * slowed down and then refused ({@link AuthThrottle}); at most as many hashes run at once as there are
 * processors, so a flood of AUTH attempts cannot exhaust memory (each Argon2id check takes 19 MiB).
 */
final class UserAuthenticator implements ClientAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(UserAuthenticator.class);
    private static final long CHECK_INTERVAL_NANOS = Duration.ofSeconds(2).toNanos();

    private final Path file;
    private final AuthThrottle throttle;
    private final Semaphore hashing = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
    /** Verified against for unknown users, so they take as long as known ones. */
    private final String decoy = PasswordHashes.hash("decoy password".toCharArray());
    private volatile Map<String, String> users = Map.of();
    private volatile FileTime stamp = FileTime.fromMillis(Long.MIN_VALUE);
    private volatile long lastCheck;

    UserAuthenticator(Path file, AuthThrottle throttle) throws IOException {
        this.file = file;
        this.throttle = throttle;
        this.stamp = Files.getLastModifiedTime(file);
        this.users = UsersFile.read(file);
        this.lastCheck = System.nanoTime();
        LOG.info("event=users-loaded file={} users={}", file.toAbsolutePath(), users.size());
    }

    @Override
    public Verdict authenticate(String client, Credentials credentials) {
        if (throttle.refused(client)) {
            LOG.warn("event=auth-refused client={} reason=too-many-failures", client);
            return new Verdict.TooManyFailures();
        }
        reloadIfChanged();
        String name = UsersFile.normalize(credentials.username());
        boolean ownIdentity = credentials.authorizationId().isEmpty()
                || UsersFile.normalize(credentials.authorizationId()).equals(name);
        Optional<String> hash = Optional.ofNullable(users.get(name));
        boolean matches;
        try {
            hashing.acquire();
            try {
                matches = PasswordHashes.verify(hash.orElse(decoy), credentials.password().toCharArray()) && hash.isPresent();
            } finally {
                hashing.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict.Unavailable();
        } catch (RuntimeException e) {
            LOG.warn("event=auth-error user={} reason=\"{}\"", name, e.getMessage());
            return new Verdict.Unavailable();
        }
        if (matches && ownIdentity) {
            throttle.succeeded(client);
            LOG.info("event=auth-ok client={} user={}", client, name);
            return new Verdict.Accepted(name);
        }
        Optional<Duration> delay = throttle.failed(client);
        LOG.info("event=auth-failed client={} user={} known={}", client, name, hash.isPresent());
        if (delay.isEmpty()) {
            LOG.warn("event=auth-refused client={} reason=too-many-failures", client);
            return new Verdict.TooManyFailures();
        }
        pause(delay.get());
        return new Verdict.Rejected();
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);   // a virtual thread: waiting costs nothing but the guesser's time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reloadIfChanged() {
        long now = System.nanoTime();
        if (now - lastCheck < CHECK_INTERVAL_NANOS) {
            return;
        }
        synchronized (this) {
            if (now - lastCheck < CHECK_INTERVAL_NANOS) {
                return;
            }
            lastCheck = now;
            try {
                FileTime current = Files.getLastModifiedTime(file);
                if (current.equals(stamp)) {
                    return;
                }
                users = UsersFile.read(file);
                stamp = current;
                LOG.info("event=users-reloaded file={} users={}", file.toAbsolutePath(), users.size());
            } catch (IOException e) {
                LOG.warn("event=users-reload-failed file={} reason=\"{}\"", file.toAbsolutePath(), e.getMessage());
            }
        }
    }
}
