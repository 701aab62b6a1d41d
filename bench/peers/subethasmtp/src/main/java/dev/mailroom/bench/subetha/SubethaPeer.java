package dev.mailroom.bench.subetha;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.subethamail.smtp.server.SMTPServer;

/**
 * SubEthaSMTP as a peer in bench/compare.sh: listens on 127.0.0.1 only and stores every message durably
 * ({@link FsyncingMessageHandler}). Everything else is SubEthaSMTP's default, including its thread per
 * connection from a cached pool.
 *
 * <pre>java -jar subethasmtp-peer.jar --port 2528 --dir DIR [--max-connections N]</pre>
 */
public final class SubethaPeer {
    private SubethaPeer() {
    }

    public static void main(String[] args) throws IOException {
        int port = 0;
        Path directory = null;
        int maxConnections = 1000; // SubEthaSMTP's default; the idle scenario raises it
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--dir" -> directory = Path.of(args[i + 1]);
                case "--max-connections" -> maxConnections = Integer.parseInt(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0 || port <= 0 || directory == null) {
            usage("--port and --dir are required");
        }
        Files.createDirectories(directory);
        SMTPServer server = SMTPServer.port(port)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("subethasmtp.bench.test")
                .softwareName("SubEthaSMTP")
                // SubEthaSMTP's default listen backlog is 50; the idle scenario opens 200 connections at a time.
                .backlog(1024)
                .maxConnections(maxConnections)
                .messageHandlerFactory(new FsyncingMessageHandler.Store(directory))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.start();
        // compare.sh waits for this line before it sends anything.
        System.out.println("subethasmtp-peer listening on 127.0.0.1:" + port);
    }

    private static void usage(String problem) {
        System.err.println("subethasmtp-peer: " + problem
                + "\nusage: java -jar subethasmtp-peer.jar --port PORT --dir DIR [--max-connections N]");
        System.exit(2);
    }
}
