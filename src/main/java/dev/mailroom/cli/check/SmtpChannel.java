package dev.mailroom.cli.check;

import dev.mailroom.cli.explain.ReplyText;
import dev.mailroom.relay.UnverifiedTls;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** A client's SMTP connection: sends command lines and reads whole replies, over plain TCP or TLS. */
final class SmtpChannel implements AutoCloseable {
    /** RFC 5321 §4.5.3.1.5 allows 512 octets; accept more from lax servers, but never an unbounded line. */
    private static final int MAX_LINE_OCTETS = 8192;
    private static final int MAX_REPLY_LINES = 1000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private SmtpChannel(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens a connection; {@code timeout} bounds the connect and then every wait for a reply. */
    static SmtpChannel connect(SmtpTarget target, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target.host(), target.port()), Math.toIntExact(timeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            return new SmtpChannel(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The server's address as connected: {@code 127.0.0.1:2525}. */
    String remoteAddress() {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        String address = remote.getAddress().getHostAddress();
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + remote.getPort();
    }

    /** The address literal of this end (RFC 5321 §4.1.3), for an EHLO without a usable host name. */
    String localAddressLiteral() {
        String address = socket.getLocalAddress().getHostAddress();
        return address.contains(":") ? "[IPv6:" + address + "]" : "[" + address + "]";
    }

    void send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Reads one reply, all its lines: each starts with the code, and a hyphen after it means more lines follow
     * (RFC 5321 §4.2.1).
     *
     * @throws NotSmtpException if a line is not a reply line
     * @throws EOFException     if the server closed the connection
     */
    Event.Received reply() throws IOException {
        List<String> lines = new ArrayList<>();
        ReplyText.Part first = null;
        while (lines.size() < MAX_REPLY_LINES) {
            String line = readLine();
            // The parser of `mailroom explain`, so that a reply's codes are read here as they are read there.
            ReplyText.Part part = ReplyText.parse(line).orElseThrow(() -> new NotSmtpException(line)).parts().getFirst();
            // A multi-line reply repeats its codes on every line (RFC 2034 §4); the first line's count.
            first = first == null ? part : first;
            lines.add(line);
            if (line.length() == 3 || line.charAt(3) != '-') {
                return new Event.Received(lines, first.code(), first.enhanced());
            }
        }
        throw new NotSmtpException("more than " + MAX_REPLY_LINES + " lines in one reply");
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() == MAX_LINE_OCTETS) {
                throw new NotSmtpException("a line longer than " + MAX_LINE_OCTETS + " octets");
            }
            line.write(b);
        }
        throw new EOFException("connection closed by the server");
    }

    /**
     * Upgrades the connection to TLS after the server's 220 to STARTTLS (RFC 3207). Octets the server sent after
     * that 220, still in the old buffer, are dropped with it: RFC 3207 §4.2 forbids trusting anything from before
     * the handshake, which is what defeats command injection into the plain-text stream.
     *
     * @param trustAnyCertificate skip certificate and host-name checks (only on the user's explicit request)
     */
    SmtpChannel startTls(SmtpTarget target, boolean trustAnyCertificate) throws IOException {
        SSLSocketFactory factory = trustAnyCertificate ? UnverifiedTls.socketFactory() : (SSLSocketFactory) SSLSocketFactory.getDefault();
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, target.host(), target.port(), true);
        if (!trustAnyCertificate) {
            // The JDK checks the chain by default, but the name only when asked: the same rule as for HTTPS.
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        tls.setUseClientMode(true);
        tls.startHandshake();
        return new SmtpChannel(tls);
    }

    /** The protocol and cipher suite of a TLS connection. */
    Event.TlsStarted tlsSession() {
        SSLSocket tls = (SSLSocket) socket;
        return new Event.TlsStarted(tls.getSession().getProtocol(), tls.getSession().getCipherSuite());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The server sent something that is not an SMTP reply. */
    static final class NotSmtpException extends IOException {
        NotSmtpException(String what) {
            super(what);
        }
    }
}
