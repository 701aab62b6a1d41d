package dev.mailroom.durability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mailroom serve} in a child JVM (this JVM's java binary and class path), so a test can SIGKILL it
 * the way a crash would, and start it again on the same data directory. Its output goes to a log file.
 */
final class ChildServer implements AutoCloseable {
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("event=listening address=127\\.0\\.0\\.1:(\\d+) kind=smtp");

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private ChildServer(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /**
     * Starts the server on a loopback port of its own choosing (port 0) and returns once it listens, with the
     * port read from its log: no port is probed and released first, so no other process can take it between.
     */
    static ChildServer start(Path dataDirectory, String hostname, Path log, String... moreServeArguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "dev.mailroom.cli.MailroomCommand",
                "serve", "--listen", "127.0.0.1:0", "--data", dataDirectory.toString(),
                "--hostname", hostname));
        command.addAll(List.of(moreServeArguments));
        Files.deleteIfExists(log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int port = awaitListening(process, log);
        return new ChildServer(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), log);
    }

    /** The port of the server's "event=listening" log line, once it appears. */
    private static int awaitListening(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start listening; log:\n"
                + (Files.exists(log) ? Files.readString(log) : "(none)"));
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
}
