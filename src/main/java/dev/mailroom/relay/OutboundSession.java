package dev.mailroom.relay;

import dev.mailroom.delivery.Attempt;
import dev.mailroom.delivery.DeliveryRules;
import dev.mailroom.delivery.ReceivedReply;
import dev.mailroom.delivery.Verdict;
import dev.mailroom.queue.QueueEntry;
import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * One outbound SMTP session to one host (RFC 5321 §3): greeting, EHLO (HELO if refused), MAIL, one RCPT per
 * recipient, DATA, QUIT. Every reply is judged by {@link DeliveryRules} and the outcome written into the
 * {@link Attempt}: recipients settled here are delivered, deferred or bounced; if the host fails for all of them
 * (no connection, 421, a refused greeting, a dropped connection) the rest stay open for the next host.
 *
 * <p>With PIPELINING (RFC 2920) MAIL, the RCPTs and DATA go in one write.
 *
 * <p>With DSN (RFC 3461 §5.2.1) MAIL carries the sender's RET and ENVID and each RCPT its NOTIFY and ORCPT, as they
 * were given; the host then reports on those recipients itself. Without it the parameters are dropped, and the
 * {@link Bouncer} sends the success reports the host cannot (§5.2.2).
 *
 * <p>TLS is opportunistic (RFC 7435, Postfix's {@code smtp_tls_security_level = may}): when the server offers
 * STARTTLS (RFC 3207) the session is encrypted, without checking the certificate, since MX hosts rarely have one
 * that matches a name DNS could vouch for; a server that does not offer it gets the mail in clear, unless
 * {@link RelaySettings#requireTls()} is set. A failed handshake is a transient failure of that host.
 */
final class OutboundSession {
    private static final int MAX_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;

    private final RelaySettings settings;
    private final DeliveryRules rules;

    OutboundSession(RelaySettings settings, DeliveryRules rules) {
        this.settings = settings;
        this.rules = rules;
    }

    /** Delivers what is still open in {@code attempt} through {@code address}, the host called {@code host}. */
    void run(String host, InetSocketAddress address, QueueEntry entry, Path message, Attempt attempt,
             Optional<RelaySettings.Credentials> credentials) {
        List<String> recipients = attempt.open();
        String where = host + "[" + address.getAddress().getHostAddress() + "]";
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) settings.connectTimeout().toMillis());
            socket.setSoTimeout((int) settings.commandTimeout().toMillis());
            socket.setTcpNoDelay(true);
            converse(new Channel(socket), where, entry, recipients, message, attempt, credentials);
        } catch (SSLException e) {
            attempt.hostFailedTransiently(where, Replies.HOST_TLS_FAILED_451.with(where, e.getMessage()).toString());
        } catch (SocketTimeoutException e) {
            attempt.hostFailedTransiently(where, Replies.HOST_TIMED_OUT_451.with(where).toString());
        } catch (EOFException e) {
            attempt.hostFailedTransiently(where, Replies.HOST_CONNECTION_LOST_451.with(where).toString());
        } catch (IOException e) {
            attempt.hostFailedTransiently(where, Replies.HOST_UNREACHABLE_451.with(where, e.getMessage()).toString());
        }
    }

    private void converse(Channel channel, String where, QueueEntry entry, List<String> recipients, Path message,
                          Attempt attempt, Optional<RelaySettings.Credentials> credentials) throws IOException {
        Reply greeting = channel.read();
        if (!hostAccepts(rules.atGreeting(greeting), greeting, where, attempt)) {
            channel.quit();
            return;
        }
        Reply hello = channel.command("EHLO " + settings.heloName());
        if (hello.code() != 421 && hello.isNegative()) {
            hello = channel.command("HELO " + settings.heloName());   // RFC 5321 §3.2: an old server may know only HELO
        }
        if (!hostAccepts(rules.atGreeting(hello), hello, where, attempt)) {
            channel.quit();
            return;
        }
        if (offers(hello, "STARTTLS")) {
            Reply ready = channel.command("STARTTLS");
            if (ready.code() == 220) {
                channel.startTls(where);
                hello = channel.command("EHLO " + settings.heloName());   // RFC 3207 §4.2: start over
                if (!hostAccepts(rules.atGreeting(hello), hello, where, attempt)) {
                    channel.quit();
                    return;
                }
            }
        }
        if (settings.requireTls() && !channel.encrypted()) {
            attempt.hostFailedTransiently(where, Replies.HOST_OFFERS_NO_TLS_451.with(where).toString());
            channel.quit();
            return;
        }
        if (credentials.isPresent() && !authenticate(channel, hello, credentials.get(), where, attempt)) {
            channel.quit();
            return;
        }
        // RFC 2920: with PIPELINING, MAIL, every RCPT and DATA go in one write and the replies are read in order.
        boolean pipelining = offers(hello, "PIPELINING");
        boolean dsn = offers(hello, "DSN");
        List<String> batch = new ArrayList<>();
        batch.add("MAIL FROM:<" + entry.sender().orElse("") + ">" + (dsn ? entry.dsn().mailParameters() : ""));
        recipients.forEach(recipient -> batch.add("RCPT TO:<" + recipient + ">"
                + (dsn ? entry.recipient(recipient).map(state -> state.dsn().rcptParameters()).orElse("") : "")));
        batch.add("DATA");
        if (pipelining) {
            channel.send(batch);
        }
        Pending pending = new Pending(channel, pipelining, batch);
        Reply mail = pending.next();
        if (!transactionGoesOn(rules.atCommand(mail), mail, recipients, where, attempt)) {
            pending.drain();
            channel.quit();
            return;
        }
        List<String> accepted = new ArrayList<>();
        for (String recipient : recipients) {
            Reply rcpt = pending.next();
            Verdict verdict = rules.atCommand(rcpt);
            switch (verdict) {
                case CONTINUE -> accepted.add(recipient);
                case NEXT_HOST -> {
                    attempt.hostFailedTransiently(where, ReceivedReply.oneLine(rcpt));
                    return;   // 421: the server closes; nothing was accepted for good
                }
                default -> attempt.settle(recipient, verdict, ReceivedReply.oneLine(rcpt), where);
            }
        }
        if (accepted.isEmpty()) {
            if (pipelining && pending.next().code() == 354) {
                channel.sendMessage(null);   // DATA went out with the batch; an empty message ends it (RFC 2920 §3.1)
                channel.read();
            }
            channel.quit();
            return;
        }
        Reply data = pending.next();
        if (data.code() != 354) {
            // A 2xx to DATA breaks the protocol: nothing was sent, so try again later.
            transactionGoesOn(data.isNegative() ? rules.atCommand(data) : Verdict.DEFER, data, accepted, where, attempt);
            channel.quit();
            return;
        }
        channel.sendMessage(message);
        Reply done = channel.read();
        if (transactionGoesOn(rules.atCommand(done), done, accepted, where, attempt)) {
            attempt.delivered(accepted, ReceivedReply.oneLine(done), where, dsn);
        }
        channel.quit();
    }

    /**
     * AUTH PLAIN (RFC 4954, RFC 4616) at the smart host. Credentials go only over TLS or to a loopback address; any
     * failure defers the mail rather than bouncing it, since wrong credentials are the relay's fault, not the
     * sender's (Postfix does the same).
     */
    private static boolean authenticate(Channel channel, Reply hello, RelaySettings.Credentials credentials, String where,
                                        Attempt attempt) throws IOException {
        if (!channel.encrypted() && !channel.loopback()) {
            attempt.hostFailedTransiently(where, Replies.SMART_HOST_NEEDS_TLS_451.toString());
            return false;
        }
        boolean plain = hello.lines().stream().skip(1).map(line -> line.strip().toUpperCase(Locale.ROOT))
                .anyMatch(line -> (line.startsWith("AUTH ") || line.startsWith("AUTH=")) && List.of(line.substring(5).split(" ")).contains("PLAIN"));
        if (!plain) {
            attempt.hostFailedTransiently(where, Replies.SMART_HOST_NO_AUTH_PLAIN_451.with(where).toString());
            return false;
        }
        String token = java.util.Base64.getEncoder().encodeToString(
                ("\0" + credentials.user() + "\0" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        Reply reply = channel.command("AUTH PLAIN " + token);
        if (reply.code() != 235) {
            attempt.hostFailedTransiently(where, Replies.SMART_HOST_AUTH_FAILED_451.with(where, ReceivedReply.oneLine(reply)).toString());
            return false;
        }
        return true;
    }

    /** True when the EHLO reply lists {@code extension} (RFC 5321 §4.1.1.1: one keyword per line, any case). */
    private static boolean offers(Reply hello, String extension) {
        return hello.lines().stream().skip(1).map(line -> line.strip().toUpperCase(Locale.ROOT))
                .anyMatch(line -> line.equals(extension) || line.startsWith(extension + " "));
    }

    /** After the greeting or EHLO: true to go on; otherwise the host failure is recorded. */
    private static boolean hostAccepts(Verdict verdict, Reply reply, String where, Attempt attempt) {
        switch (verdict) {
            case CONTINUE -> {
                return true;
            }
            case HOST_REFUSES -> attempt.hostRefused(where, ReceivedReply.oneLine(reply));
            default -> attempt.hostFailedTransiently(where, ReceivedReply.oneLine(reply));
        }
        return false;
    }

    /** After MAIL, DATA or the end of data: true to go on; otherwise what it covers is settled or left to the next host. */
    private static boolean transactionGoesOn(Verdict verdict, Reply reply, List<String> covered, String where, Attempt attempt) {
        switch (verdict) {
            case CONTINUE -> {
                return true;
            }
            case NEXT_HOST -> attempt.hostFailedTransiently(where, ReceivedReply.oneLine(reply));
            default -> attempt.settleAll(covered, verdict, ReceivedReply.oneLine(reply), where);
        }
        return false;
    }

    /** The replies owed for a batch of commands: read one by one, each command sent first unless pipelined. */
    private static final class Pending {
        private final Channel channel;
        private final boolean pipelined;
        private final List<String> commands;
        private int next;

        Pending(Channel channel, boolean pipelined, List<String> commands) {
            this.channel = channel;
            this.pipelined = pipelined;
            this.commands = commands;
        }

        Reply next() throws IOException {
            String command = commands.get(next++);
            return pipelined ? channel.read() : channel.command(command);
        }

        /** Reads the replies still owed for pipelined commands, so QUIT gets its own. */
        void drain() {
            while (pipelined && next < commands.size()) {
                next++;
                try {
                    channel.read();
                } catch (IOException e) {
                    return;
                }
            }
        }
    }

    /** The wire: commands out, replies in, the message dot-stuffed (RFC 5321 §4.5.2). */
    private static final class Channel {
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Channel(Socket socket) throws IOException {
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

        Reply read() throws IOException {
            List<String> lines = new ArrayList<>();
            while (lines.size() < MAX_REPLY_LINES) {
                String line = readLine();
                lines.add(line);
                if (ReceivedReply.isLast(line)) {
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
    }
}
