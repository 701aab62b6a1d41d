package dev.mailroom.durability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code mailroom serve} in a child JVM (this JVM's java binary and class path), so a test can SIGKILL it
 * the way a crash would, and start it again on the same data directory. Its output goes to a log file.
 */
final class ChildServer implements AutoCloseable {
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private ChildServer(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /**
     * Starts the server on a free loopback port and returns once that port accepts connections. The free
     * port is only free when probed; if another process takes it first, the child cannot bind and exits,
     * and a new port is tried.
     */
    static ChildServer start(Path dataDirectory, String hostname, Path log, String... moreServeArguments)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), "dev.mailroom.cli.MailroomCommand",
                    "serve", "--listen", "127.0.0.1:" + port, "--data", dataDirectory.toString(),
                    "--hostname", hostname));
            command.addAll(List.of(moreServeArguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ChildServer server = new ChildServer(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), log);
            if (server.awaitAccepting()) {
                return server;
            }
            server.close();
            if (attempt == 3) {
                throw new IllegalStateException("the server did not start in 3 attempts; log:\n" + server.log());
            }
        }
    }

    InetSocketAddress address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux); returns the exit status once dead. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return awaitExit();
    }

    /** SIGTERM, the graceful stop; returns the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Makes sure no child outlives its test. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server " + process.pid() + " still running 30 s after the signal");
        }
        return process.exitValue();
    }

    /** True once the port accepts a connection; false if the child exited first (or never got there). */
    private boolean awaitAccepting() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 500);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
