package dev.mailroom.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The admin listener: {@code GET /metrics} (Prometheus text format), {@code /health/live} (200 while the
 * process answers) and {@code /health/ready} (200 or 503 with the reason). The JDK's own HTTP server on
 * virtual threads: three read-only endpoints need no framework.
 */
public final class AdminServer implements AutoCloseable {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private AdminServer(HttpServer http) {
        this.http = http;
    }

    public static AdminServer start(InetSocketAddress address, PrometheusMeterRegistry registry,
                                    Supplier<Readiness> readiness) throws IOException {
        HttpServer http;
        try {
            http = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + " (admin): " + e.getMessage(), e);
        }
        AdminServer admin = new AdminServer(http);
        http.setExecutor(admin.executor);
        http.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape()));
        http.createContext("/health/live", exchange -> respond(exchange, 200, "text/plain", "live\n"));
        http.createContext("/health/ready", exchange -> {
            Readiness now = readiness.get();
            respond(exchange, now.ready() ? 200 : 503, "text/plain", now.reason() + "\n");
        });
        http.start();
        return admin;
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.close();
    }
}
