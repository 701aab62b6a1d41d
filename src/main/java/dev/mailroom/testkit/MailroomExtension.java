package dev.mailroom.testkit;

import dev.mailroom.server.MailroomServer;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.server.ServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Mailroom server for JUnit 5 tests, started on {@code 127.0.0.1} with a free port and a fresh temporary
 * data directory, collecting every message it accepts:
 *
 * <pre>{@code
 * @RegisterExtension static MailroomExtension mailroom = MailroomExtension.create();
 * ...
 * assertThat(mailroom.awaitMessages(1).getFirst().content()).contains("Subject: hello");
 * }</pre>
 *
 * <p>On a static field one server serves the whole class and is stopped after all its tests; on an instance
 * field every test gets its own server, stopped after the test. Either way {@link #messages()} starts empty
 * in each test, and the data directory is deleted when the server stops. Tests that share one server must
 * not run concurrently, since they share its message list.
 */
public final class MailroomExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final String HOST = "127.0.0.1";
    /** Long enough for a loaded CI machine; messages normally arrive before the client's 250. */
    private static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<ServerBuilder> settings;
    private final List<ReceivedMessage> received = new ArrayList<>();   // guarded by itself
    private volatile Running running;

    /** The server and what it owns; {@code perTest} when it was started for one test only. */
    private record Running(MailroomServer server, Path dataDirectory, boolean perTest) {
    }

    private MailroomExtension(Consumer<ServerBuilder> settings) {
        this.settings = settings;
    }

    /** A server for local domain {@code localhost} with the default limits. */
    public static MailroomExtension create() {
        return create(builder -> { });
    }

    /**
     * A server with these settings, for example {@code builder -> builder.domain("example.test")}. The
     * extension has already asked for {@code 127.0.0.1:0}, a temporary data directory and host name
     * {@code localhost}; the settings may override the last two, and a {@code listen} they add is extra.
     */
    public static MailroomExtension create(Consumer<ServerBuilder> settings) {
        return new MailroomExtension(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(false);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (running == null) {
            start(true);   // registered on an instance field: JUnit calls no beforeAll (see @RegisterExtension)
        }
        synchronized (received) {
            received.clear();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (running != null && running.perTest()) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (running != null) {
            stop();
        }
    }

    /** The running server. */
    public MailroomServer server() {
        return current().server();
    }

    /** The address the server listens on. */
    public String host() {
        return HOST;
    }

    /** The port the server listens on. */
    public int port() {
        return server().port();
    }

    /** The messages accepted since the current test began, oldest first. */
    public List<ReceivedMessage> messages() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /**
     * Waits up to ten seconds until at least {@code count} messages were accepted in this test.
     *
     * @return the messages, oldest first
     * @throws AssertionError if fewer arrived in time
     */
    public List<ReceivedMessage> awaitMessages(int count) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT_TIMEOUT.toNanos();
        synchronized (received) {
            long left;
            while (received.size() < count && (left = deadline - System.nanoTime()) > 0) {
                received.wait(Math.max(1, left / 1_000_000));
            }
            if (received.size() < count) {
                throw new AssertionError("expected " + count + " messages within " + AWAIT_TIMEOUT.toSeconds()
                        + " s, received " + received.size());
            }
            return List.copyOf(received);
        }
    }

    private Running current() {
        Running current = running;
        if (current == null) {
            throw new IllegalStateException("the Mailroom server runs only while tests run");
        }
        return current;
    }

    private void start(boolean perTest) {
        Path dataDirectory;
        try {
            dataDirectory = Files.createTempDirectory("mailroom-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerBuilder builder = MailroomServer.builder()
                .listen(HOST, 0)
                .dataDirectory(dataDirectory)
                .hostname("localhost")
                .onMessage(this::collect);
        try {
            settings.accept(builder);
            running = new Running(builder.build().start(), dataDirectory, perTest);
        } catch (RuntimeException e) {
            deleteRecursively(dataDirectory);   // bad settings or no port: leave no directory behind
            throw e;
        }
    }

    private void collect(ReceivedMessage message) {
        synchronized (received) {
            received.add(message);
            received.notifyAll();
        }
    }

    private void stop() {
        Running stopping = running;
        running = null;
        try {
            stopping.server().stop();
        } finally {
            deleteRecursively(stopping.dataDirectory());
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
