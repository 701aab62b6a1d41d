package dev.mailroom.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small SMTP client over a raw socket: EHLO once, then each message's MAIL, RCPT and DATA
 * as one pipelined group (RFC 2920), the body dot-stuffed here. The load generator and the crash test use
 * it because they need the server's exact replies (and the id in each 250), not a mail library's view.
 */
public final class PipelinedSmtpClient implements AutoCloseable {
    private static final Pattern QUEUED_ID = Pattern.compile("queued as (\\S+)");
    /** Far above any reply line Mailroom sends; stops a broken server from growing our buffer. */
    private static final int MAX_REPLY_LINE = 4096;

    /** The last line of a reply: its code and text. */
    public record ServerReply(int code, String text) {
        /** The message id of a {@code 250 ... queued as <id>} reply. */
        public Optional<String> queuedId() {
            Matcher matcher = QUEUED_ID.matcher(text);
            return code == 250 && matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }

        @Override
        public String toString() {
            return code + " " + text;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private PipelinedSmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Connects, reads the 220 greeting and says EHLO; {@code timeout} bounds the connect and every read. */
    public static PipelinedSmtpClient connect(InetSocketAddress server, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            PipelinedSmtpClient client = new PipelinedSmtpClient(socket);
            expect(220, client.readReply());
            client.write("EHLO client.test\r\n");
            expect(250, client.readReply());
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one message. {@code content} is the message as it should be stored (header and body, lines ending
     * in CRLF); this method does the dot-stuffing. Returns the reply to the end of data, or the first refusal
     * if MAIL or DATA was refused (the session stays usable then).
     *
     * @throws IOException on a lost connection, or when a recipient was refused but DATA was not
     */
    public ServerReply send(String sender, List<String> recipients, byte[] content) throws IOException {
        if (content.length < 2 || content[content.length - 2] != '\r' || content[content.length - 1] != '\n') {
            throw new IllegalArgumentException("content must end with CRLF");
        }
        StringBuilder envelope = new StringBuilder("MAIL FROM:<").append(sender).append(">\r\n");
        recipients.forEach(recipient -> envelope.append("RCPT TO:<").append(recipient).append(">\r\n"));
        write(envelope.append("DATA\r\n").toString());
        ServerReply refusal = readReply();
        for (int i = 0; i < recipients.size(); i++) {
            ServerReply rcpt = readReply();
            if (refusal.code() == 250 && rcpt.code() != 250) {
                refusal = rcpt;
            }
        }
        ServerReply data = readReply();
        if (data.code() != 354) {
            return refusal.code() == 250 ? data : refusal;
        }
        if (refusal.code() != 250) {
            throw new IOException("DATA accepted after a refusal: " + refusal);
        }
        writeDotStuffed(content);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readReply();
    }

    /** Says QUIT and waits for the 221. */
    public void quit() throws IOException {
        write("QUIT\r\n");
        expect(221, readReply());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** RFC 5321 §4.5.2: a line that starts with a dot gets one more. */
    private void writeDotStuffed(byte[] content) throws IOException {
        int from = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '.' && (i == 0 || content[i - 1] == '\n')) {
                out.write(content, from, i - from);
                out.write('.');
                from = i;
            }
        }
        out.write(content, from, content.length - from);
    }

    private void write(String commands) throws IOException {
        out.write(commands.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private ServerReply readReply() throws IOException {
        while (true) {
            String line = readLine();
            boolean wellFormed = line.length() >= 3 && line.chars().limit(3).allMatch(c -> c >= '0' && c <= '9')
                    && (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '-');
            if (!wellFormed) {
                throw new IOException("malformed reply line: " + line);
            }
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new ServerReply(Integer.parseInt(line.substring(0, 3)), line.length() > 4 ? line.substring(4) : "");
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (line.size() == MAX_REPLY_LINE) {
                throw new IOException("reply line longer than " + MAX_REPLY_LINE + " octets");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void expect(int code, ServerReply reply) throws IOException {
        if (reply.code() != code) {
            throw new IOException("expected " + code + " but got: " + reply);
        }
    }
}
