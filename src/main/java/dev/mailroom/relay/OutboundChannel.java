package dev.mailroom.relay;

import dev.mailroom.delivery.ReceivedReply;
import dev.mailroom.reply.Reply;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

/** The wire of an outbound session: commands out, replies in, the message dot-stuffed (RFC 5321 §4.5.2) or in a BDAT chunk. */
final class OutboundChannel implements AutoCloseable {
    private static final int MAX_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int replies;

    OutboundChannel(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket newSocket) throws IOException {
        this.socket = newSocket;
        this.in = new BufferedInputStream(newSocket.getInputStream());
        this.out = new BufferedOutputStream(newSocket.getOutputStream());
    }

    boolean encrypted() {
        return socket instanceof SSLSocket;
    }

    boolean loopback() {
        return socket.getInetAddress().isLoopbackAddress();
    }

    /** Wraps the connection in TLS; what was read ahead in clear is dropped, as RFC 3207 §4.2 asks. */
    void startTls(String where) throws IOException {
        SSLSocket tls = (SSLSocket) UnverifiedTls.socketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
    }

    /** Writes several command lines at once. */
    void send(List<String> lines) throws IOException {
        for (String line : lines) {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    void quit() {
        try {
            command("QUIT");
        } catch (IOException | IllegalArgumentException e) {
            // The outcome is already decided; a server that hangs up without 221 changes nothing.
        }
    }

    /** How many complete replies were read so far. */
    int replies() {
        return replies;
    }

    Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < MAX_REPLY_LINES) {
            String line = readLine();
            lines.add(line);
            if (ReceivedReply.isLast(line)) {
                replies++;
                try {
                    return ReceivedReply.parse(lines);
                } catch (IllegalArgumentException e) {
                    throw new IOException("malformed reply: " + lines.getFirst(), e);
                }
            }
        }
        throw new IOException("reply of more than " + MAX_REPLY_LINES + " lines");
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("reply line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** The stored message, a '.' doubled at each line start, CRLF at the end, then the end-of-data line. */
    void sendMessage(Path message) throws IOException {
        boolean lineStart = true;
        int last = '\n';
        try (InputStream body = message == null ? InputStream.nullInputStream()
                : new BufferedInputStream(Files.newInputStream(message), 64 * 1024)) {
            int b;
            while ((b = body.read()) >= 0) {
                if (lineStart && b == '.') {
                    out.write('.');
                }
                out.write(b);
                lineStart = b == '\n';
                last = b;
            }
        }
        if (last != '\n') {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The stored message as it is, as one last chunk (RFC 3030 §2): no dot-stuffing, no end-of-data line. */
    void sendChunk(Path message) throws IOException {
        out.write(("BDAT " + Files.size(message) + " LAST\r\n").getBytes(StandardCharsets.US_ASCII));
        Files.copy(message, out);
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing is owed to a host once the socket goes
        }
    }
}
