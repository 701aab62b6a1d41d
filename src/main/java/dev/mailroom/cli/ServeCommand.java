package dev.mailroom.cli;

import dev.mailroom.server.MailroomServer;
import dev.mailroom.server.ServerBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailroom serve}: runs the server until SIGTERM or Ctrl-C, then drains gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the SMTP server (default: 127.0.0.1:2525, domain localhost, Maildir under ./data).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Address to listen on (repeatable). Default: 127.0.0.1:2525.")
    private List<HostPort> listen = List.of();

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Local domain to accept mail for (repeatable). Default: localhost.")
    private List<String> domains = List.of();

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory. Default: ${DEFAULT-VALUE}.")
    private Path data = Path.of("data");

    @Option(names = "--hostname", paramLabel = "NAME", description = "Name for the greeting and Received headers. Default: this host's name.")
    private String hostname;

    @Option(names = "--max-message-size", paramLabel = "BYTES", description = "Largest message accepted. Default: ${DEFAULT-VALUE}.")
    private long maxMessageSize = ServerBuilder.DEFAULT_MAX_MESSAGE_SIZE;

    @Option(names = "--max-recipients", paramLabel = "N", description = "Recipients per message (at least 100). Default: ${DEFAULT-VALUE}.")
    private int maxRecipients = 100;

    @Option(names = "--max-connections", paramLabel = "N", description = "Concurrent connections. Default: ${DEFAULT-VALUE}.")
    private int maxConnections = 1000;

    @Option(names = "--max-connections-per-ip", paramLabel = "N", description = "Concurrent connections per client address. Default: ${DEFAULT-VALUE}.")
    private int maxConnectionsPerIp = 50;

    @Option(names = "--max-errors", paramLabel = "N", description = "Errors in one session before 421 and close. Default: ${DEFAULT-VALUE}.")
    private int maxErrors = 20;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for a command, e.g. 30s, 5m. Default: 5m.")
    private Duration idleTimeout = Duration.ofMinutes(5);

    @Option(names = "--data-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for the next block of a message body. Default: 3m.")
    private Duration dataTimeout = Duration.ofMinutes(3);

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a shutdown waits for messages in progress. Default: 30s.")
    private Duration shutdownGrace = Duration.ofSeconds(30);

    @Option(names = "--no-inbound", description = "Accept no mail: 521 greeting and 521 to every command but QUIT (RFC 7504).")
    private boolean noInbound;

    @Mixin
    private SecurityOptions security = new SecurityOptions();

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServerBuilder builder = MailroomServer.builder()
                .dataDirectory(data)
                .maxMessageSize(maxMessageSize)
                .maxRecipients(maxRecipients)
                .maxConnections(maxConnections)
                .maxConnectionsPerIp(maxConnectionsPerIp)
                .maxErrors(maxErrors)
                .idleTimeout(idleTimeout)
                .dataTimeout(dataTimeout)
                .shutdownGrace(shutdownGrace)
                .acceptsMail(!noInbound);
        listen.forEach(address -> builder.listen(address.host(), address.port()));
        domains.forEach(builder::domain);
        if (hostname != null) {
            builder.hostname(hostname);
        }
        security.applyTo(builder, spec.commandLine());
        MailroomServer server = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "mailroom-shutdown"));
        stopped.await();
        return 0;
    }
}
