package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A raw SMTP client for end-to-end tests: it sends exactly the bytes it is given (malformed ones too, and
 * whole pipelined groups in one write) and reads replies one at a time, as the server sent them.
 */
public final class RawSmtpClient implements AutoCloseable {
    /** Generous, for a loaded machine: a reply that takes this long means the test has failed anyway. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final BufferedInputStream in;
    private final OutputStream out;

    private RawSmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to the server on 127.0.0.1 without reading anything. */
    public static RawSmtpClient connect(int port) throws IOException {
        return connectFrom("127.0.0.1", port);
    }

    /** Connects from {@code localAddress} (any 127.0.0.x), which is the client address the server sees. */
    public static RawSmtpClient connectFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return new RawSmtpClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects and shakes hands as a TLS client at once (RFC 8314 implicit TLS), without reading anything. */
    public static RawSmtpClient connectTls(int port, SSLContext context) throws IOException {
        RawSmtpClient plain = connect(port);
        try {
            return plain.startTls(context);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * Layers TLS over this connection and shakes hands as the client (after the server's 220 to STARTTLS), and
     * returns the client that speaks through it. Anything the server sent that this client has not read would
     * be lost: call it only when all replies are read.
     */
    public RawSmtpClient startTls(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.setSoTimeout(READ_TIMEOUT_MILLIS);
        tls.startHandshake();
        return new RawSmtpClient(tls);
    }

    /** The socket: a TLS one after {@link #startTls}, to look at its session. */
    public Socket socket() {
        return socket;
    }

    /** Connects, checks the 220 greeting and says EHLO: ready for a transaction. */
    public static RawSmtpClient session(int port) throws IOException {
        RawSmtpClient client = connect(port);
        assertThat(client.reply()).startsWith("220 ");
        assertThat(client.command("EHLO client.test")).startsWith("250-");
        return client;
    }

    /** Writes these bytes (UTF-8) as they are, in one write. */
    public RawSmtpClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawSmtpClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends one command line (CRLF added) and returns its reply. */
    public String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /** Sends MAIL, RCPT for each recipient and DATA, checking each is accepted: the body may follow. */
    public RawSmtpClient startData(String sender, String... recipients) throws IOException {
        assertThat(command("MAIL FROM:<" + sender + ">")).startsWith("250 ");
        for (String recipient : recipients) {
            assertThat(command("RCPT TO:<" + recipient + ">")).startsWith("250 ");
        }
        assertThat(command("DATA")).startsWith("354 ");
        return this;
    }

    /**
     * Reads one complete reply, every line of a multi-line reply included, exactly as on the wire (with its
     * CRLFs), so it compares equal to {@code Reply.wire()}.
     */
    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = readLine(reply);
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    private String readLine(CharSequence soFar) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
        }
        throw new EOFException("connection closed in a reply; received: " + soFar + line.toString(StandardCharsets.UTF_8));
    }

    /** Everything the server sends until it closes the connection (or resets it). */
    public byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // closed with input of ours still unread: the kernel resets instead of FIN
        }
        return all.toByteArray();
    }

    /** True when the server has closed the connection: the next read finds the end of the stream. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException reset) {
            return true;   // closed with unread input still queued: the kernel resets instead of FIN
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
