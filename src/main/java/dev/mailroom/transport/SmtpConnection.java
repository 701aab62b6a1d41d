package dev.mailroom.transport;

import dev.mailroom.policy.ClientKey;
import dev.mailroom.protocol.Admission;
import dev.mailroom.protocol.BodyOutcome;
import dev.mailroom.protocol.DotUnstuffer;
import dev.mailroom.protocol.SmtpSession;
import dev.mailroom.protocol.Step;
import dev.mailroom.protocol.Transaction;
import dev.mailroom.reply.Reply;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on its own virtual thread: reads what the {@link SmtpSession} asks for, sends the
 * replies it decides, and carries message bodies into storage. All socket I/O of the session is here.
 *
 * <p>TLS: on the implicit-TLS port the handshake comes before the greeting; after STARTTLS's 220 the octets the
 * client pipelined behind STARTTLS are dropped with the old reader (they came in plain text, where anyone on
 * the path could have put them: CVE-2011-0411), and a new reader and writer work over the TLS socket. A
 * handshake that fails closes the connection without another word.
 */
final class SmtpConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);
    private static final AtomicLong SESSION_IDS = new AtomicLong();

    /** The TCP connection; closing it ends everything, TLS included. */
    private final Socket plain;
    /** What the session reads and writes: {@link #plain}, or the TLS socket over it. */
    private volatile Socket socket;
    private final ConnectionServices services;
    private final ListenerSecurity security;
    private final String client;
    private final String sessionId = Long.toString(SESSION_IDS.incrementAndGet(), 36);
    private final ClientKey clientKey;
    private final SmtpSession session;
    /** Counted by the limiter when {@code ACCEPTED}: {@link #run} releases it. */
    private final Admission admitted;
    private PendingReplies replies;
    private SmtpInput input;
    private volatile boolean awaitingCommand;
    private Optional<IncomingMessage> chunkedMessage = Optional.empty();
    private int accepted;
    // What the session line and the transaction lines report:
    private final long connectedAt = System.nanoTime();
    private Optional<Reply> lastReply = Optional.empty();
    private SessionOutcome outcome = SessionOutcome.LOST;
    private long transactionStartedAt;
    private boolean inTransaction;
    private long bodyOctets;

    /** @param clientAddress the client: the socket's peer, or the one a trusted proxy's PROXY header named */
    SmtpConnection(Socket socket, InetAddress clientAddress, ConnectionServices services, ListenerSecurity security) {
        this.plain = socket;
        this.socket = socket;
        this.services = services;
        this.security = security;
        this.client = clientAddress.getHostAddress();
        this.clientKey = services.protection().keyOf(clientAddress);
        this.session = new SmtpSession(services.session(), services.protection().policyFor(clientAddress, services.policy().forClient(client)),
                security.sessionFor(client, services.observer()), services.protection().tarpit());
        // Decided here, on the accepting thread, so connections are admitted in the order they were accepted.
        Admission admission = services.drain().draining() ? Admission.DRAINING : services.protection().admit(clientAddress);
        this.admitted = admission == Admission.ACCEPTED ? services.limiter().admit(client) : admission;
    }

    @Override
    public void run() {
        Admission admission = admitted;
        boolean counted = admission == Admission.ACCEPTED;
        services.observer().connected(admission);
        services.drain().register(this);
        try {
            plain.setTcpNoDelay(true);
            plain.setSoTimeout((int) services.transport().idleTimeout().toMillis());
            LOG.debug("session={} client={} event=connect admission={}", sessionId, client, admission);
            if (security.implicitTls()) {
                handshake();   // RFC 8314 §3.3: TLS first, then the greeting inside it
            }
            openStreams();
            try {
                if (admission == Admission.ACCEPTED && talksBeforeGreeting()) {
                    admission = Admission.EARLY_TALKER;
                    LOG.info("session={} client={} event=early-talker", sessionId, client);
                }
                converse(session.open(admission));
                outcome = closingOutcome(admission);
            } catch (SocketTimeoutException e) {
                outcome = SessionOutcome.TIMEOUT;
                sendFinal(session.idleTimeout());   // here, not in the outer catch: the socket is still open
            }
        } catch (HandshakeFailed e) {
            LOG.info("session={} client={} event=tls-failed reason=\"{}\"", sessionId, client, e.getMessage());
        } catch (EOFException | UncheckedIOException e) {
            outcome = services.drain().draining() ? SessionOutcome.SHUTDOWN : SessionOutcome.LOST;
            LOG.debug("session={} client={} event=lost reason=\"{}\"", sessionId, client, e.getMessage());
        } catch (IOException e) {
            outcome = services.drain().draining() ? SessionOutcome.SHUTDOWN : SessionOutcome.ERROR;
            LOG.debug("session={} client={} event=io-error reason=\"{}\"", sessionId, client, e.getMessage());
        } finally {
            close();
            chunkedMessage.ifPresent(IncomingMessage::abort);
            if (counted) {
                services.limiter().release(client);
            }
            services.drain().unregister(this);
            services.observer().disconnected(new SessionObserver.SessionRecord(sessionId, client, session.heloName(),
                    Duration.ofNanos(System.nanoTime() - connectedAt), accepted, outcome, lastReply));
        }
    }

    /** Why the server closed the channel after its last reply. */
    private SessionOutcome closingOutcome(Admission admission) {
        return switch (admission) {
            case TOO_MANY_CONNECTIONS, TOO_MANY_FROM_CLIENT, CONNECTION_RATE, TOO_MANY_ERRORS_FROM_CLIENT, EARLY_TALKER, OVERLOADED ->
                    SessionOutcome.REFUSED;
            case DRAINING -> SessionOutcome.SHUTDOWN;
            case ACCEPTED -> lastReply.filter(reply -> reply.code() == 221).isPresent() ? SessionOutcome.QUIT
                    : services.drain().draining() ? SessionOutcome.SHUTDOWN : SessionOutcome.CLOSED;
        };
    }

    /**
     * Waits the greeting delay and reports whether the client sent anything meanwhile. SMTP clients must wait
     * for the greeting (RFC 5321 §3.1); bots that fire their commands at once give themselves away. What they
     * sent is dropped with the connection.
     */
    private boolean talksBeforeGreeting() throws IOException {
        Optional<Duration> delay = services.protection().greetDelay();
        if (delay.isEmpty()) {
            return false;
        }
        socket.setSoTimeout((int) Math.max(1, delay.get().toMillis()));
        try {
            if (socket.getInputStream().read() < 0) {
                throw new EOFException("client closed the connection before the greeting");
            }
            return true;
        } catch (SocketTimeoutException quiet) {
            return false;
        } finally {
            socket.setSoTimeout((int) services.transport().idleTimeout().toMillis());
        }
    }

    private void converse(Step first) throws IOException {
        Step step = first;
        while (true) {
            noteTransactionStart();
            if (step.reply().isPresent()) {
                tarpit(session.replyDelay());
            }
            step.reply().ifPresent(this::send);
            Step.Next next = step.next();
            if (next instanceof Step.Next.Close) {
                flush();
                return;
            }
            if (chunkedMessage.isPresent() && !session.chunking() && !(next instanceof Step.Next.ReceiveChunk)) {
                chunkedMessage.get().abort();   // RSET, EHLO or an error ended the BDAT transaction
                chunkedMessage = Optional.empty();
            }
            step = switch (next) {
                case Step.Next.ReadCommand read -> readCommand();
                case Step.Next.Close close -> throw new IllegalStateException("handled above");
                case Step.Next.ReceiveData data -> bodyEnded(data.transaction(), receiveData(data));
                case Step.Next.ReceiveChunk chunk -> bodyEnded(chunk.transaction(), receiveChunk(chunk));
                case Step.Next.DiscardChunk discard -> {
                    input.readExactly(discard.size(), OutputStream.nullOutputStream());
                    yield session.bodyEnded(new BodyOutcome.ChunkDiscarded());
                }
                case Step.Next.StartTls startTls -> {
                    startTls();
                    yield session.tlsStarted();
                }
            };
        }
    }

    /** RFC 3207 §4: the 220 is out; everything the client sent after STARTTLS is dropped, then the handshake. */
    private void startTls() throws IOException {
        flush();
        int injected = input.buffered();
        if (injected > 0) {
            // Octets sent before the client could have seen our 220: pipelined in plain text, never to be obeyed.
            LOG.warn("session={} client={} event=starttls-injection discarded={}", sessionId, client, injected);
        }
        input = null;
        handshake();
        openStreams();
    }

    /** Reads and writes through the current socket: plain, or TLS after the handshake. */
    private void openStreams() throws IOException {
        replies = new PendingReplies(socket.getOutputStream());
        input = new SmtpInput(socket.getInputStream(), services.transport().bufferSize(), this::flush);
    }

    /** Layers TLS over the connection and shakes hands as the server; {@link HandshakeFailed} if that fails. */
    private void handshake() throws HandshakeFailed {
        try {
            SSLSocket tls = security.tls().orElseThrow().layer(plain);
            socket = tls;
            tls.startHandshake();
            services.observer().tlsHandshake(true);
            LOG.debug("session={} client={} event=tls protocol={} cipher={}", sessionId, client,
                    tls.getSession().getProtocol(), tls.getSession().getCipherSuite());
        } catch (IOException e) {
            services.observer().tlsHandshake(false);
            throw new HandshakeFailed(e);
        }
    }

    /** A TLS handshake that did not complete: the connection is closed, with no SMTP reply. */
    private static final class HandshakeFailed extends IOException {
        HandshakeFailed(IOException cause) {
            super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }
    }

    /** Closes TLS (with its close_notify, waited for no longer than a second) and the connection. */
    private void close() {
        Socket current = socket;
        try {
            if (current != plain && !plain.isClosed()) {
                plain.setSoTimeout(1000);
                current.close();
            }
        } catch (IOException ignored) {
            // the client is gone: nothing to notify
        } finally {
            try {
                plain.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** A transaction starts when its MAIL is accepted; its duration runs from there. */
    private void noteTransactionStart() {
        boolean now = session.inTransaction();
        if (now && !inTransaction) {
            transactionStartedAt = System.nanoTime();
            bodyOctets = 0;
        }
        inTransaction = now;
    }

    /** Reports the body to the session and, when that ends the message one way or the other, to the observer. */
    private Step bodyEnded(Transaction transaction, BodyOutcome outcome) {
        Step step = session.bodyEnded(outcome);
        if (!(outcome instanceof BodyOutcome.ChunkAccepted)) {
            Optional<String> id = outcome instanceof BodyOutcome.Stored stored ? Optional.of(stored.id()) : Optional.empty();
            services.observer().transactionEnded(new SessionObserver.TransactionRecord(sessionId, client,
                    transaction.heloName(), transaction.returnPath(), transaction.recipients().size(), bodyOctets, id,
                    step.reply().orElseThrow(), Duration.ofNanos(System.nanoTime() - transactionStartedAt)));
        }
        return step;
    }

    private Step readCommand() throws IOException {
        awaitingCommand = true;
        try {
            if (services.drain().draining()) {
                return session.shutdown();
            }
            int length;
            try {
                length = input.readLine(services.transport().maxLineLength());
            } catch (IOException e) {
                if (services.drain().draining() && !(e instanceof SocketTimeoutException)) {
                    return session.shutdown();   // woken by the drain: over TLS the wake-up may read as an error
                }
                throw e;
            }
            if (length == SmtpInput.END_OF_STREAM) {
                if (services.drain().draining()) {
                    return session.shutdown();   // woken by the drain, see wakeIfIdle
                }
                throw new EOFException("client closed the connection");
            }
            if (length == SmtpInput.LINE_TOO_LONG) {
                return session.lineTooLong();
            }
            awaitingCommand = false;
            return session.onLine(input.buffer(), input.lineStart(), length);
        } finally {
            awaitingCommand = false;
        }
    }

    private BodyOutcome receiveData(Step.Next.ReceiveData data) throws IOException {
        IncomingMessage message = IncomingMessage.begin(services, data.transaction(), client);
        DotUnstuffer unstuffer = new DotUnstuffer(message.body(), data.maxSize());
        try {
            withDataTimeout(() -> input.readData(unstuffer));
        } catch (IOException | RuntimeException e) {
            message.abort();   // cut off mid-body (timeout, lost client, end of the shutdown grace): keep nothing
            throw e;
        } finally {
            bodyOctets = unstuffer.size();
        }
        if (unstuffer.bareLineEnding()) {
            message.abort();
            return new BodyOutcome.BareLineEnding();
        }
        if (unstuffer.tooLarge()) {
            message.abort();
            return new BodyOutcome.TooLarge();
        }
        return commit(message);
    }

    private BodyOutcome receiveChunk(Step.Next.ReceiveChunk chunk) throws IOException {
        if (chunkedMessage.isEmpty()) {
            chunkedMessage = Optional.of(IncomingMessage.begin(services, chunk.transaction(), client));   // the first chunk of this transaction
        }
        IncomingMessage message = chunkedMessage.get();
        withDataTimeout(() -> input.readExactly(chunk.size(), message.body()));
        bodyOctets += chunk.size();
        if (!chunk.last() && message.body().failure().isEmpty()) {
            return new BodyOutcome.ChunkAccepted(chunk.size());
        }
        chunkedMessage = Optional.empty();
        return commit(message);   // the last chunk, or a storage failure that ends the transaction
    }

    /** Commits the message; a stored one counts towards the session's total. */
    private BodyOutcome commit(IncomingMessage message) {
        BodyOutcome outcome = message.commit(services, sessionId, client);
        if (outcome instanceof BodyOutcome.Stored) {
            accepted++;
        }
        return outcome;
    }

    private interface BodyRead {
        void run() throws IOException;
    }

    private void withDataTimeout(BodyRead read) throws IOException {
        socket.setSoTimeout((int) services.transport().dataTimeout().toMillis());
        try {
            read.run();
        } finally {
            socket.setSoTimeout((int) services.transport().idleTimeout().toMillis());
        }
    }

    /** The tarpit's delay, here at the edge: what is already written goes out first, then the wait. */
    private void tarpit(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        flush();
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted in the tarpit"));
        }
    }

    private void send(Reply reply) {
        if (reply.isPermanentFailure()) {
            services.protection().failed(clientKey);
        }
        lastReply = Optional.of(reply);
        services.observer().replied(reply);
        replies.add(reply);
    }

    private void flush() {
        replies.flush();
    }

    /** Best effort: the last words before closing (421 on timeout); the client may be gone already. */
    private void sendFinal(Step step) {
        try {
            step.reply().ifPresent(reply -> send(reply));
            flush();
        } catch (UncheckedIOException ignored) {
            // nobody is listening any more
        }
    }

    /** Called by the drain: a session blocked waiting for a command is woken to answer 421 and close. */
    void wakeIfIdle() {
        if (awaitingCommand) {
            try {
                plain.shutdownInput();   // the TCP socket: a TLS socket would refuse before the peer's close_notify
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Called when the grace period is over: whatever is in progress is dropped, uncommitted. */
    void forceClose() {
        try {
            plain.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
