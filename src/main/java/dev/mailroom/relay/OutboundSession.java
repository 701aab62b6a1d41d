package dev.mailroom.relay;

import dev.mailroom.delivery.Attempt;
import dev.mailroom.delivery.DeliveryRules;
import dev.mailroom.delivery.ReceivedReply;
import dev.mailroom.delivery.Verdict;
import dev.mailroom.queue.QueueEntry;
import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The client side of outbound SMTP (RFC 5321 §3), in two steps: {@link #open} connects to one host and gets the
 * session ready for mail (greeting, EHLO or HELO, STARTTLS, AUTH); {@link #transaction} sends one message over it
 * (MAIL, one RCPT per recipient, DATA). Every reply is judged by {@link DeliveryRules} and the outcome written into
 * the {@link Attempt}: recipients settled here are delivered, deferred or bounced; if the host fails for all of
 * them (no connection, 421, a refused greeting, a dropped connection) the rest stay open for the next host. After
 * a transaction the connection is ready for the next one ({@link ReusableConnection}) unless it is not
 * {@link Connection#usable()} any more.
 *
 * <p>With PIPELINING (RFC 2920) MAIL, the RCPTs and DATA go in one write.
 *
 * <p>The sender's BODY= type and SMTPUTF8 go on as {@link ContentNegotiation} decides for the host: as parameters
 * it offers, by one {@code BDAT n LAST} chunk for BINARYMIME (RFC 3030), or not to this host at all (the next MX
 * is tried, and the recipients bounce with 5.6.3 or 5.6.7 if none can take it).
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
    private final RelaySettings settings;
    private final DeliveryRules rules;

    OutboundSession(RelaySettings settings, DeliveryRules rules) {
        this.settings = settings;
        this.rules = rules;
    }

    /**
     * Connects to {@code address}, the host called {@code host}, and gets the session ready for MAIL; when the host
     * fails, the failure is recorded in {@code attempt} and there is no connection.
     */
    Optional<Connection> open(String host, InetSocketAddress address, Attempt attempt,
                              Optional<RelaySettings.Credentials> credentials) {
        String where = host + "[" + address.getAddress().getHostAddress() + "]";
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) settings.connectTimeout().toMillis());
            socket.setSoTimeout((int) settings.commandTimeout().toMillis());
            socket.setTcpNoDelay(true);
            OutboundChannel channel = new OutboundChannel(socket);
            Optional<Reply> hello = greet(channel, where, attempt, credentials);
            if (hello.isEmpty()) {
                channel.quit();
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new Connection(channel, where, address, hello.get()));
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the host failure below is what counts
            }
            hostFailed(where, e, attempt);
            return Optional.empty();
        }
    }

    /** Records an I/O failure with the host as a transient failure of that host. */
    static void hostFailed(String where, IOException failure, Attempt attempt) {
        Reply diagnostic = switch (failure) {
            case SSLException e -> Replies.HOST_TLS_FAILED_451.with(where, e.getMessage());
            case SocketTimeoutException e -> Replies.HOST_TIMED_OUT_451.with(where);
            case EOFException e -> Replies.HOST_CONNECTION_LOST_451.with(where);
            default -> Replies.HOST_UNREACHABLE_451.with(where, failure.getMessage());
        };
        attempt.hostFailedTransiently(where, diagnostic.toString());
    }

    /** Greeting, EHLO, STARTTLS and AUTH: the EHLO reply to go on with, or empty when the host failed (recorded). */
    private Optional<Reply> greet(OutboundChannel channel, String where, Attempt attempt,
                                  Optional<RelaySettings.Credentials> credentials) throws IOException {
        Reply greeting = channel.read();
        if (!hostAccepts(rules.atGreeting(greeting), greeting, where, attempt)) {
            return Optional.empty();
        }
        Reply hello = channel.command("EHLO " + settings.heloName());
        if (hello.code() != 421 && hello.isNegative()) {
            hello = channel.command("HELO " + settings.heloName());   // RFC 5321 §3.2: an old server may know only HELO
        }
        if (!hostAccepts(rules.atGreeting(hello), hello, where, attempt)) {
            return Optional.empty();
        }
        if (offers(hello, "STARTTLS")) {
            Reply ready = channel.command("STARTTLS");
            if (ready.code() == 220) {
                channel.startTls(where);
                hello = channel.command("EHLO " + settings.heloName());   // RFC 3207 §4.2: start over
                if (!hostAccepts(rules.atGreeting(hello), hello, where, attempt)) {
                    return Optional.empty();
                }
            }
        }
        if (settings.requireTls() && !channel.encrypted()) {
            attempt.hostFailedTransiently(where, Replies.HOST_OFFERS_NO_TLS_451.with(where).toString());
            return Optional.empty();
        }
        if (credentials.isPresent() && !authenticate(channel, hello, credentials.get(), where, attempt)) {
            return Optional.empty();
        }
        return Optional.of(hello);
    }

    /**
     * Sends one message over {@code connection} to what is still open in {@code attempt}. Replies are settled in
     * {@code attempt}; an I/O failure is thrown, for the caller to tell a host failure from a reused connection the
     * server had closed meanwhile.
     */
    void transaction(Connection connection, QueueEntry entry, Path message, Attempt attempt) throws IOException {
        List<String> recipients = attempt.open();
        String where = connection.where;
        switch (ContentNegotiation.decide(entry, recipients, message, connection::offers, where)) {
            // Nothing was sent: the next MX may offer what this one lacks, and the connection stays ready.
            case ContentNegotiation.Refuse refuse -> attempt.hostRefused(where, refuse.diagnostic().toString());
            case ContentNegotiation.Send send -> transaction(connection, entry, message, attempt, recipients, send);
        }
    }

    private void transaction(Connection connection, QueueEntry entry, Path message, Attempt attempt, List<String> recipients,
                             ContentNegotiation.Send content) throws IOException {
        OutboundChannel channel = connection.channel;
        String where = connection.where;
        connection.transactions++;
        // RFC 2920: with PIPELINING, MAIL, every RCPT and DATA go in one write and the replies are read in order.
        boolean pipelining = connection.offers("PIPELINING");
        boolean dsn = connection.offers("DSN");
        boolean chunked = content.chunked();
        List<String> batch = new ArrayList<>();
        batch.add("MAIL FROM:<" + entry.sender().orElse("") + ">" + content.mailParameters() + (dsn ? entry.dsn().mailParameters() : ""));
        recipients.forEach(recipient -> batch.add("RCPT TO:<" + recipient + ">"
                + (dsn ? entry.recipient(recipient).map(state -> state.dsn().rcptParameters()).orElse("") : "")));
        if (!chunked) {
            batch.add("DATA");   // BDAT goes only once a recipient is accepted: its octets cannot be taken back
        }
        if (pipelining) {
            channel.send(batch);
        }
        Pending pending = new Pending(channel, pipelining, batch);
        Reply mail = pending.next();
        if (!transactionGoesOn(rules.atCommand(mail), mail, recipients, where, attempt)) {
            pending.drain();
            connection.endFailed(mail);
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
                    connection.endFailed(rcpt);
                    return;   // 421: the server closes; nothing was accepted for good
                }
                default -> attempt.settle(recipient, verdict, ReceivedReply.oneLine(rcpt), where);
            }
        }
        if (accepted.isEmpty()) {
            Reply last = null;
            if (pipelining && !chunked && pending.next().code() == 354) {
                channel.sendMessage(null);   // DATA went out with the batch; an empty message ends it (RFC 2920 §3.1)
                last = channel.read();
            }
            connection.endFailed(last);
            return;
        }
        if (chunked) {
            channel.sendChunk(message);
        } else {
            Reply data = pending.next();
            if (data.code() != 354) {
                // A 2xx to DATA breaks the protocol: nothing was sent, so try again later.
                transactionGoesOn(data.isNegative() ? rules.atCommand(data) : Verdict.DEFER, data, accepted, where, attempt);
                connection.endFailed(data.isNegative() ? data : null);
                return;
            }
            channel.sendMessage(message);
        }
        Reply done = channel.read();
        if (transactionGoesOn(rules.atCommand(done), done, accepted, where, attempt)) {
            // RFC 5321 §4.1.1.4: the session is ready for the next MAIL, no RSET needed.
            attempt.delivered(accepted, ReceivedReply.oneLine(done), where, dsn);
        } else {
            connection.endFailed(done);
        }
    }

    /**
     * AUTH PLAIN (RFC 4954, RFC 4616) at the smart host. Credentials go only over TLS or to a loopback address; any
     * failure defers the mail rather than bouncing it, since wrong credentials are the relay's fault, not the
     * sender's (Postfix does the same).
     */
    private static boolean authenticate(OutboundChannel channel, Reply hello, RelaySettings.Credentials credentials, String where,
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

    /** A session with one host, ready for MAIL: the channel and what EHLO offered. */
    static final class Connection implements AutoCloseable {
        private final OutboundChannel channel;
        private final String where;
        private final InetSocketAddress address;
        private final Reply hello;
        private int transactions;
        private boolean usable = true;

        private Connection(OutboundChannel channel, String where, InetSocketAddress address, Reply hello) {
            this.channel = channel;
            this.where = where;
            this.address = address;
            this.hello = hello;
        }

        /** True when the last EHLO reply listed {@code extension}. */
        boolean offers(String extension) {
            return OutboundSession.offers(hello, extension);
        }

        InetSocketAddress address() {
            return address;
        }

        /** The host's name and address, as diagnostics name it: {@code mx.example.org[192.0.2.1]}. */
        String where() {
            return where;
        }

        /** Transactions started over this connection. */
        int transactions() {
            return transactions;
        }

        int replies() {
            return channel.replies();
        }

        /** True while the session is in step with the server and ready for another MAIL. */
        boolean usable() {
            return usable;
        }

        /** The session is no longer in step (I/O failure): it can only be closed. */
        void broken() {
            usable = false;
        }

        /**
         * After a transaction that did not end in a 2xx to the end of data: a 421 ({@code last}, or a missing reply)
         * means the server is closing; otherwise RSET (RFC 5321 §4.1.1.5) clears what is left of the transaction. The
         * outcome is already settled: a failed RSET only ends the connection.
         */
        private void endFailed(Reply last) {
            if (last != null && last.code() == 421) {
                usable = false;
                return;
            }
            try {
                usable = channel.command("RSET").code() == 250;
            } catch (IOException e) {
                usable = false;
            }
        }

        /** QUIT when the session is in step, then close. */
        @Override
        public void close() {
            if (usable) {
                channel.quit();
            }
            channel.close();
        }
    }

    /** The replies owed for a batch of commands: read one by one, each command sent first unless pipelined. */
    private static final class Pending {
        private final OutboundChannel channel;
        private final boolean pipelined;
        private final List<String> commands;
        private int next;

        Pending(OutboundChannel channel, boolean pipelined, List<String> commands) {
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
}
