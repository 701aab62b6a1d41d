package dev.mailroom.relay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on a loopback address that answers from a script: a well-behaved MX by default, with any reply
 * (421 greeting, 451 at RCPT, 550 for one recipient, a dropped connection) swapped in per connection and command.
 * It records every message it accepted, by DATA or by BDAT chunks (RFC 3030).
 */
final class ScriptedMx implements AutoCloseable {
    /** What to answer; {@code null} drops the connection without a word. */
    interface Script {
        default String greeting(int connection) {
            return "220 scripted.test ESMTP";
        }

        default String reply(int connection, String command) {
            String verb = command.length() >= 4 ? command.substring(0, 4).toUpperCase() : command.toUpperCase();
            return switch (verb) {
                case "EHLO" -> "250-scripted.test\r\n250 PIPELINING";
                case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> "250 2.0.0 OK";
                case "DATA" -> "354 go ahead";
                case "BDAT" -> "250 2.0.0 chunk received";
                case "QUIT" -> "221 2.0.0 bye";
                default -> "500 5.5.1 what?";
            };
        }

        default String afterData(int connection, String message) {
            return "250 2.0.0 queued as X" + connection;
        }

        /** The well-behaved default, but {@code reply} to every command that {@code matches}. */
        static Script answering(java.util.function.Predicate<String> matches, String reply) {
            return new Script() { }.and(matches, reply);
        }

        /** This script, but {@code reply} to every command that {@code matches}. */
        default Script and(java.util.function.Predicate<String> matches, String reply) {
            Script base = this;
            return new Script() {
                @Override
                public String greeting(int connection) {
                    return base.greeting(connection);
                }

                @Override
                public String reply(int connection, String command) {
                    return matches.test(command) ? reply : base.reply(connection, command);
                }

                @Override
                public String afterData(int connection, String message) {
                    return base.afterData(connection, message);
                }
            };
        }
    }

    /** A message the server accepted: its envelope as the client gave it, and its data as received. */
    record Accepted(String sender, List<String> recipients, String data, boolean tls) {
    }

    private final ServerSocket listener;
    private final javax.net.ssl.SSLContext tls;
    private final Script script;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    ScriptedMx(String address, int port, Script script) throws IOException {
        this(address, port, script, null);
    }

    /** With {@code tls}, EHLO offers STARTTLS and STARTTLS starts a TLS server session. */
    ScriptedMx(String address, int port, Script script, javax.net.ssl.SSLContext tls) throws IOException {
        this.tls = tls;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(literal(address), port));
        this.script = script;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    List<Accepted> accepted() {
        return accepted;
    }

    List<String> commands() {
        return commands;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);   // replies go out at once, as a real server's pipelined replies do
                int number = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket, number));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain, int connection) {
        Socket socket = plain;
        try (plain) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (!send(out, script.greeting(connection))) {
                return;
            }
            String sender = null;
            List<String> recipients = new ArrayList<>();
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            String line;
            while ((line = readLine(in)) != null) {
                commands.add(line);
                String upper = line.toUpperCase();
                boolean encrypted = socket instanceof javax.net.ssl.SSLSocket;
                if (tls != null && !encrypted && upper.equals("STARTTLS")) {
                    send(out, "220 2.0.0 ready to start TLS");
                    javax.net.ssl.SSLSocket secure = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                            .createSocket(socket, null, socket.getPort(), true);
                    secure.setUseClientMode(false);
                    secure.startHandshake();
                    socket = secure;
                    out = secure.getOutputStream();
                    in = new BufferedInputStream(secure.getInputStream());
                    continue;
                }
                // Like a real server (RFC 5321 §3.3), DATA without an accepted recipient fails, whatever the script.
                String reply = upper.equals("DATA") && recipients.isEmpty() ? "554 5.5.1 No valid recipients"
                        : script.reply(connection, line);
                if (tls != null && !encrypted && upper.startsWith("EHLO") && reply != null && reply.startsWith("250-")) {
                    reply = reply.replaceFirst("\r\n", "\r\n250-STARTTLS\r\n");
                }
                if (reply != null && reply.startsWith("2") && upper.startsWith("MAIL FROM:")) {
                    sender = line.substring(10);
                    recipients.clear();
                } else if (reply != null && reply.startsWith("2") && upper.startsWith("RCPT TO:")) {
                    recipients.add(line.substring(8));
                }
                if (upper.startsWith("BDAT ")) {
                    // RFC 3030 §2: the chunk's octets follow the command line at once, whatever the reply will be.
                    String[] words = line.split(" ");
                    chunks.write(in.readNBytes(Integer.parseInt(words[1])));
                    if (words.length > 2 && words[2].equalsIgnoreCase("LAST") && reply != null && reply.startsWith("2")) {
                        reply = script.afterData(connection, chunks.toString(StandardCharsets.UTF_8));
                        accept(sender, recipients, chunks.toString(StandardCharsets.UTF_8), socket, reply);
                        chunks.reset();
                    }
                }
                if (!send(out, reply)) {
                    return;
                }
                if (reply.startsWith("354")) {
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = readLine(in)) != null && !dataLine.equals(".")) {
                        data.append(dataLine.startsWith(".") ? dataLine.substring(1) : dataLine).append("\r\n");
                    }
                    String after = script.afterData(connection, data.toString());
                    accept(sender, recipients, data.toString(), socket, after);
                    if (!send(out, after)) {
                        return;
                    }
                }
                if (reply.startsWith("221") || reply.startsWith("421")) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void accept(String sender, List<String> recipients, String data, Socket socket, String reply) {
        if (reply != null && reply.startsWith("2")) {
            accepted.add(new Accepted(sender, List.copyOf(recipients), data, socket instanceof javax.net.ssl.SSLSocket));
        }
    }

    /** A line up to LF, without its CRLF (or bare LF), decoded as UTF-8; null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static boolean send(OutputStream out, String reply) throws IOException {
        if (reply == null) {
            return false;
        }
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return true;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    static InetAddress literal(String address) {
        try {
            return org.xbill.DNS.Address.getByAddress(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
