package dev.mailroom.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A bounded load generator for a running SMTP server on loopback: sends M messages of S octets over K
 * concurrent connections, each connection reused for many messages with MAIL/RCPT/DATA pipelined, and
 * prints the rate. Run it with {@code bench/quick.sh}, or see {@code bench/README.md}.
 */
@Command(name = "smtp-load", mixinStandardHelpOptions = true,
        description = "Send M messages of S octets over K reused, pipelined connections and print messages per second.")
public final class SmtpLoad implements Callable<Integer> {

    /** What to send, where; {@code timeLimit} bounds the run even against a stalled server. */
    public record Settings(InetSocketAddress server, int messages, int connections, int size, String sender,
                           String recipient, Duration timeLimit) {
        public Settings {
            if (!server.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("loopback only: " + server);
            }
            if (messages < 1 || connections < 1 || size < 128) {
                throw new IllegalArgumentException("need messages >= 1, connections >= 1, size >= 128");
            }
        }
    }

    /** How the run went: messages answered 250, refused with another reply, or lost with their connection. */
    public record Result(int accepted, int refused, int lost, Duration elapsed) {
        public double perSecond() {
            return accepted / (elapsed.toNanos() / 1e9);
        }
    }

    @Option(names = "--host", description = "Server address (loopback only). Default: ${DEFAULT-VALUE}.")
    private String host = "127.0.0.1";

    @Option(names = "--port", description = "Server port. Default: ${DEFAULT-VALUE}.")
    private int port = 2525;

    @Option(names = {"-m", "--messages"}, description = "Messages to send in total. Default: ${DEFAULT-VALUE}.")
    private int messages = 2000;

    @Option(names = {"-c", "--connections"}, description = "Concurrent connections. Default: ${DEFAULT-VALUE}.")
    private int connections = 1;

    @Option(names = {"-s", "--size"}, description = "Message size in octets. Default: ${DEFAULT-VALUE}.")
    private int size = 4096;

    @Option(names = {"-f", "--from"}, description = "Envelope sender. Default: ${DEFAULT-VALUE}.")
    private String sender = "load@localhost";

    @Option(names = {"-t", "--to"}, description = "Envelope recipient. Default: ${DEFAULT-VALUE}.")
    private String recipient = "sink@localhost";

    @Option(names = "--time-limit", description = "Seconds after which no new message is started. Default: ${DEFAULT-VALUE}.")
    private int timeLimitSeconds = 300;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SmtpLoad()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = new Settings(new InetSocketAddress(host, port), messages, connections, size, sender,
                recipient, Duration.ofSeconds(timeLimitSeconds));
        Result result = run(settings);
        System.out.printf(Locale.ROOT, "smtp-load: %d messages of %d octets over %d connections: %d accepted, "
                        + "%d refused, %d lost in %.3f s = %.1f msgs/s%n", messages, size, connections, result.accepted(),
                result.refused(), result.lost(), result.elapsed().toNanos() / 1e9, result.perSecond());
        return result.accepted() == messages ? 0 : 1;
    }

    /** Runs the load and returns when every connection has finished (or given up after the time limit). */
    public static Result run(Settings settings) throws InterruptedException {
        AtomicInteger unclaimed = new AtomicInteger(settings.messages());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        byte[] content = message(settings.size());
        long deadline = System.nanoTime() + settings.timeLimit().toNanos();
        long start = System.nanoTime();
        try (ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < settings.connections(); i++) {
                connections.submit(() -> {
                    try (PipelinedSmtpClient client = PipelinedSmtpClient.connect(settings.server(), Duration.ofSeconds(30))) {
                        while (System.nanoTime() < deadline && unclaimed.getAndDecrement() > 0) {
                            started.incrementAndGet();
                            boolean ok = client.send(settings.sender(), List.of(settings.recipient()), content).code() == 250;
                            (ok ? accepted : refused).incrementAndGet();
                        }
                        client.quit();
                    } catch (IOException e) {
                        System.err.println("smtp-load: connection failed: " + e.getMessage());
                    }
                    return null;
                });
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        // Started but never answered: its connection broke first.
        int lost = started.get() - accepted.get() - refused.get();
        return new Result(accepted.get(), refused.get(), lost, elapsed);
    }

    /** A plain-text message of exactly {@code size} octets (at least 128), in lines of at most 78 characters. */
    static byte[] message(int size) {
        StringBuilder text = new StringBuilder(size)
                .append("From: load@localhost\r\nTo: sink@localhost\r\nSubject: smtp-load\r\n\r\n");
        while (size - text.length() >= 80) {
            text.append("x".repeat(76)).append("\r\n");
        }
        return text.append("x".repeat(size - text.length() - 2)).append("\r\n").toString()
                .getBytes(StandardCharsets.US_ASCII);
    }
}
