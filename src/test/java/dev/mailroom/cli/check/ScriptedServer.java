package dev.mailroom.cli.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A one-connection server on loopback that behaves as Mailroom's own never does: it sends what a script says,
 * for the paths of {@code mailroom check} that need a broken, old or silent server.
 */
final class ScriptedServer implements AutoCloseable {
    private final ServerSocket listener;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread serving;

    /**
     * @param greeting what to send on connecting (CRLFs included), nothing for a silent server
     * @param answers  what to send for each command line received; nothing closes the connection
     */
    ScriptedServer(Optional<String> greeting, Function<String, Optional<String>> answers) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        serving = Thread.ofVirtual().start(() -> serve(greeting, answers));
    }

    private void serve(Optional<String> greeting, Function<String, Optional<String>> answers) {
        try (Socket socket = listener.accept()) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            if (greeting.isEmpty()) {
                in.read();   // silent: wait until the client gives up
                return;
            }
            out.write(greeting.get().getBytes(StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                received.add(line);
                Optional<String> answer = answers.apply(line);
                if (answer.isEmpty()) {
                    return;
                }
                out.write(answer.get().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            if (!listener.isClosed()) {
                throw new UncheckedIOException(e);
            }
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The command lines the client sent, in order, once it has closed the connection. */
    List<String> received() throws InterruptedException {
        if (!serving.join(Duration.ofSeconds(20))) {
            throw new AssertionError("the client did not close the connection");
        }
        return received;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
