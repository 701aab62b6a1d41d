package dev.mailroom.protocol;

import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SMTP server session of one connection, with no I/O: lines and events go in, {@link Step}s come out.
 *
 * <p>How it works. The transport calls {@link #open} once, then {@link #onLine} for each command line,
 * {@link #bodyEnded} after it has carried out a {@link Step.Next.ReceiveData}, {@link Step.Next.ReceiveChunk}
 * or {@link Step.Next.DiscardChunk}, {@link #tlsStarted} after the handshake a {@link Step.Next.StartTls}
 * asked for, and {@link #lineTooLong}, {@link #idleTimeout} or {@link #shutdown} when those happen. Each call returns the reply to send and what to do next.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Every reply comes from {@link Replies}; every command gets exactly one reply (BDAT's after its chunk).</li>
 *   <li>Sequence is checked before arguments: a command out of order is 503 whatever its arguments.</li>
 *   <li>A transaction (sender, recipients, chunks) exists only between an accepted MAIL and the end of its
 *       body, RSET, HELO/EHLO or a failure; after any of those the session is back to {@code GREETED}.</li>
 *   <li>After {@code maxErrors} 5xx replies the next command is answered 421 4.7.0 and the channel closed.</li>
 *   <li>A TLS handshake forgets everything learnt before it (RFC 3207 §4.2): the session is back to
 *       {@code CONNECTED} and the client must say EHLO again. The error count is kept.</li>
 *   <li>While an AUTH exchange waits for the client (after a 334), the next line is its SASL response, not a
 *       command; passwords stay inside this class and the {@link Authenticator}.</li>
 * </ul>
 *
 * <pre>
 * CONNECTED --HELO/EHLO--> GREETED --MAIL--> MAIL --RCPT--> RECIPIENT --DATA--> BODY --end--> GREETED
 *                                                              \--BDAT--> CHUNKING --BDAT LAST--> GREETED
 * GREETED --STARTTLS, handshake--> CONNECTED (with TLS)
 * GREETED --AUTH, 334 ... 235--> GREETED (authenticated)
 * </pre>
 * Not thread-safe: one session belongs to one connection's thread.
 */
public final class SmtpSession {

    private enum State { CONNECTED, GREETED, MAIL, RECIPIENT, CHUNKING, BODY }

    private final SessionSettings settings;
    private final SessionPolicy policy;
    private final SessionSecurity security;
    private final Tarpit tarpit;

    private State state = State.CONNECTED;
    private String heloName = "";
    private boolean esmtp;
    private int errors;
    private Duration replyDelay = Duration.ZERO;
    private boolean tlsActive;
    private final Authentication authentication;

    private final Envelope envelope = new Envelope();
    private Reply replyAfterDiscard = Replies.OK_250;

    /** A session without TLS: STARTTLS is answered 454 4.7.0. */
    public SmtpSession(SessionSettings settings, SessionPolicy policy) {
        this(settings, policy, SessionSecurity.NONE);
    }

    public SmtpSession(SessionSettings settings, SessionPolicy policy, SessionSecurity security) {
        this(settings, policy, security, Tarpit.OFF);
    }

    /** @param tarpit when replies should slow down: {@link #replyDelay()} says by how much */
    public SmtpSession(SessionSettings settings, SessionPolicy policy, SessionSecurity security, Tarpit tarpit) {
        this.settings = settings;
        this.policy = policy;
        this.security = security;
        this.tlsActive = security.tls() == SessionSecurity.TlsMode.IMPLICIT;
        this.tarpit = tarpit;
        this.authentication = new Authentication(security, settings.hostname());
    }

    /** The greeting, or the refusal that closes the connection at once. */
    public Step open(Admission admission) {
        return switch (admission) {
            case ACCEPTED -> Step.reply(settings.acceptsMail()
                    ? Replies.GREETING_220.with(settings.hostname())
                    : Replies.NO_MAIL_SERVICE_521.with(settings.hostname()));
            case TOO_MANY_CONNECTIONS -> Step.reply(Replies.TOO_MANY_CONNECTIONS_421.with(settings.hostname()));
            case TOO_MANY_FROM_CLIENT -> Step.reply(Replies.TOO_MANY_CONNECTIONS_FROM_CLIENT_421.with(settings.hostname()));
            case CONNECTION_RATE -> Step.reply(Replies.CONNECTION_RATE_421.with(settings.hostname()));
            case TOO_MANY_ERRORS_FROM_CLIENT -> Step.reply(Replies.TOO_MANY_ERRORS_FROM_CLIENT_421.with(settings.hostname()));
            case OVERLOADED -> Step.reply(Replies.OVERLOADED_421.with(settings.hostname()));
            // RFC 7504 §3 lets a server close after a 521 greeting; 554 would oblige it to wait for QUIT (§3.1).
            case EARLY_TALKER -> Step.then(Replies.EARLY_TALKER_521.with(settings.hostname()), Step.Next.CLOSE);
            case DRAINING -> shutdown();
        };
    }

    /** One command line, CRLF removed. */
    public Step onLine(byte[] line, int offset, int length) {
        // The transport reads lines up to the longest any command may have; each verb's own limit is applied here.
        if (!settings.fits(line, offset, length, !authentication.awaitingResponse())) {
            return lineTooLong();
        }
        if (authentication.awaitingResponse()) {
            replyDelay = errors >= tarpit.after() ? tarpit.delay() : Duration.ZERO;
            Step step = Step.reply(authentication.respond(new String(line, offset, length, StandardCharsets.ISO_8859_1)));
            step.reply().filter(Reply::isPermanentFailure).ifPresent(failure -> errors++);
            return step;
        }
        boolean utf8Addresses = state != State.CONNECTED && state != State.GREETED && envelope.parameters().smtpUtf8();
        return onCommand(CommandParser.parse(line, offset, length, utf8Addresses));
    }

    /** One parsed command. */
    public Step onCommand(Command command) {
        replyDelay = errors >= tarpit.after() ? tarpit.delay() : Duration.ZERO;
        if (errors >= settings.maxErrors()) {
            return Step.reply(Replies.TOO_MANY_ERRORS_421.with(settings.hostname()));
        }
        Step step = settings.acceptsMail() ? dispatch(command) : refuseAllButQuit(command);
        step.reply().filter(Reply::isPermanentFailure).ifPresent(failure -> errors++);
        return step;
    }

    /** A command line longer than the limit was read and discarded (RFC 5321 §4.5.3.1.4). */
    public Step lineTooLong() {
        replyDelay = errors >= tarpit.after() ? tarpit.delay() : Duration.ZERO;
        if (errors >= settings.maxErrors()) {
            // An over-long line is a command too: without this, endless garbage lines would never close the session.
            return Step.reply(Replies.TOO_MANY_ERRORS_421.with(settings.hostname()));
        }
        errors++;
        authentication.abandon();
        return Step.reply(Replies.LINE_TOO_LONG_500);
    }

    /**
     * How long the transport should wait before sending the reply to the last command: zero until the session
     * has made {@link Tarpit#after()} errors, the tarpit's delay for every command after that.
     */
    public Duration replyDelay() {
        return replyDelay;
    }

    /** The client was silent longer than the timeout (RFC 5321 §4.5.3.2). */
    public Step idleTimeout() {
        return Step.reply(Replies.IDLE_TIMEOUT_421.with(settings.hostname()));
    }

    /** The server is draining: called at a command boundary. */
    public Step shutdown() {
        return Step.reply(Replies.SHUTTING_DOWN_421.with(settings.hostname()));
    }

    /** The name the client gave in its last HELO/EHLO, empty before one. */
    public String heloName() {
        return heloName;
    }

    /** True from an accepted MAIL until the transaction ends (body stored or refused, RSET, HELO/EHLO). */
    public boolean inTransaction() {
        return state != State.CONNECTED && state != State.GREETED;
    }

    /** True while a BDAT transfer holds a partly received message that the transport keeps open. */
    public boolean chunking() {
        return state == State.CHUNKING;
    }

    /** True while an AUTH exchange waits for the client's next SASL response: the next line holds secrets. */
    public boolean awaitingSaslResponse() {
        return authentication.awaitingResponse();
    }

    /** The user the client authenticated as, if it did. */
    public Optional<String> user() {
        return authentication.user();
    }

    /** True once the connection is encrypted (after STARTTLS, or from the start on an implicit-TLS port). */
    public boolean tlsActive() {
        return tlsActive;
    }

    /**
     * The TLS handshake asked for by {@link Step.Next.StartTls} succeeded. RFC 3207 §4.2: the server discards
     * any knowledge obtained from the client before it, so the session is reset to "connected, not greeted".
     */
    public Step tlsStarted() {
        envelope.clear();
        state = State.CONNECTED;
        heloName = "";
        esmtp = false;
        authentication.forget();
        tlsActive = true;
        return Step.silently(Step.Next.READ_COMMAND);
    }

    /** The transport's report on the body it received for the last {@code ReceiveData}/{@code ReceiveChunk}. */
    public Step bodyEnded(BodyOutcome outcome) {
        Reply reply = switch (outcome) {
            case BodyOutcome.ChunkAccepted chunk -> {
                envelope.chunkReceived(chunk.octets());
                state = State.CHUNKING;
                yield Replies.CHUNK_RECEIVED_250.with(chunk.octets());
            }
            case BodyOutcome.ChunkDiscarded discarded -> replyAfterDiscard;
            case BodyOutcome.Stored stored -> endTransaction(Replies.QUEUED_250.with(stored.id()));
            case BodyOutcome.TooLarge tooLarge -> endTransaction(Replies.MESSAGE_TOO_BIG_552.with(settings.maxMessageSize()));
            case BodyOutcome.BareLineEnding bare -> endTransaction(Replies.BARE_LINE_ENDING_550);
            case BodyOutcome.StorageFailed failed ->
                    endTransaction(failed.outOfSpace() ? Replies.INSUFFICIENT_STORAGE_452 : Replies.LOCAL_ERROR_451);
        };
        if (reply.isPermanentFailure()) {
            errors++;
        }
        return Step.reply(reply);
    }

    private Step dispatch(Command command) {
        Optional<Reply> outOfOrder = sequenceError(command.verb());
        return switch (command) {
            case Command.Hello hello -> hello(hello);
            case Command.Mail mail -> outOfOrder.map(Step::reply).orElseGet(() -> mail(mail));
            case Command.Recipient recipient -> outOfOrder.map(Step::reply).orElseGet(() -> recipient(recipient));
            case Command.Data data -> outOfOrder.map(Step::reply).orElseGet(this::data);
            case Command.Bdat bdat -> bdat(bdat, outOfOrder);
            case Command.StartTls startTls -> outOfOrder.map(Step::reply).orElseGet(this::startTls);
            case Command.Auth auth -> auth(auth, outOfOrder);
            case Command.Simple simple -> simple(simple.verb());
            case Command.NotImplemented notImplemented -> Step.reply(Replies.NOT_IMPLEMENTED_502.with(notImplemented.name()));
            case Command.Unrecognized unrecognized -> Step.reply(Replies.COMMAND_UNRECOGNIZED_500);
            case Command.Malformed malformed -> Step.reply(outOfOrder.orElse(malformed.reply()));
        };
    }

    /** The transition table: which verbs each state refuses, and with which 503. */
    private Optional<Reply> sequenceError(Verb verb) {
        if (verb == Verb.STARTTLS && tlsActive) {
            return Optional.of(Replies.TLS_ALREADY_ACTIVE_503);   // checked first: after the handshake nobody is greeted
        }
        if (state == State.CONNECTED && !verb.allowedBeforeHello()) {
            return Optional.of(Replies.HELLO_FIRST_503);
        }
        Reply refusal = switch (verb) {
            case MAIL -> state == State.GREETED ? null : Replies.NESTED_MAIL_503;
            case RCPT -> switch (state) {
                case MAIL, RECIPIENT -> null;
                case CHUNKING -> Replies.CHUNKING_IN_PROGRESS_503.with("RCPT");
                default -> Replies.NEED_MAIL_503;
            };
            case DATA, BDAT -> switch (state) {
                case RECIPIENT -> null;
                case CHUNKING -> verb == Verb.BDAT ? null : Replies.CHUNKING_IN_PROGRESS_503.with("DATA");
                case MAIL -> envelope.anyRecipientRefused() ? Replies.NO_VALID_RECIPIENTS_554 : Replies.NEED_RECIPIENT_503;
                default -> Replies.NEED_MAIL_503;
            };
            // As Postfix does: an upgrade mid-transaction would silently drop the envelope (RFC 3207 §4.2).
            case STARTTLS -> state == State.GREETED ? null : Replies.TRANSACTION_IN_PROGRESS_503.with("STARTTLS");
            case AUTH -> state == State.GREETED ? null : Replies.TRANSACTION_IN_PROGRESS_503.with("AUTH");   // RFC 4954 §4
            default -> null;
        };
        return Optional.ofNullable(refusal);
    }

    private Step hello(Command.Hello hello) {
        envelope.clear();
        state = State.GREETED;
        heloName = hello.domain();
        esmtp = hello.verb() == Verb.EHLO;
        if (!esmtp) {
            return Step.reply(Replies.HELLO_250.with(settings.hostname()));
        }
        List<String> lines = new ArrayList<>(List.of(
                settings.hostname() + " greets " + heloName,
                "PIPELINING",
                "SIZE " + settings.maxMessageSize(),
                "8BITMIME",
                "BINARYMIME",
                "CHUNKING"));
        if (security.tls() == SessionSecurity.TlsMode.STARTTLS && !tlsActive) {
            lines.add("STARTTLS");   // RFC 3207 §4.2: not advertised once TLS is on
        }
        if (authentication.offered(tlsActive)) {
            lines.add("AUTH " + SaslExchange.MECHANISMS);
        }
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("DSN");   // RFC 3461: NOTIFY and ORCPT on RCPT, RET and ENVID on MAIL
        lines.add("SMTPUTF8");
        return Step.reply(Replies.HELLO_250.withLines(lines));
    }

    /** RFC 4954: AUTH where this listener offers it and the dialogue allows it; {@link Authentication} does the rest. */
    private Step auth(Command.Auth auth, Optional<Reply> outOfOrder) {
        if (security.authenticator().isEmpty()) {
            return Step.reply(Replies.NOT_IMPLEMENTED_502.with("AUTH"));
        }
        return Step.reply(outOfOrder.orElseGet(() -> authentication.start(auth, tlsActive)));
    }

    /** RFC 3207 §4: 220, then the handshake; 454 where this listener has no certificate. */
    private Step startTls() {
        if (security.tls() == SessionSecurity.TlsMode.UNAVAILABLE) {
            return Step.reply(Replies.TLS_NOT_AVAILABLE_454);
        }
        return Step.then(Replies.READY_TO_START_TLS_220, new Step.Next.StartTls());
    }

    private Step mail(Command.Mail mail) {
        if (security.tlsRequired() && !tlsActive) {
            return Step.reply(Replies.TLS_REQUIRED_530);   // RFC 3207 §4: the submission port needs TLS first
        }
        if (security.authRequired() && authentication.user().isEmpty()) {
            return Step.reply(Replies.AUTH_REQUIRED_530);   // RFC 4954 §6, RFC 6409 §4.3
        }
        if (mail.parameters().declaredSize().orElse(0) > settings.maxMessageSize()) {
            return Step.reply(Replies.MESSAGE_TOO_BIG_552.with(settings.maxMessageSize()));   // RFC 1870 §6.1
        }
        Optional<Reply> refusal = policy.checkSender(mail.sender(), authentication.user());
        if (refusal.isPresent()) {
            return Step.reply(refusal.get());
        }
        envelope.begin(mail.sender(), mail.parameters());
        state = State.MAIL;
        return Step.reply(Replies.SENDER_OK_250);
    }

    private Step recipient(Command.Recipient command) {
        if (envelope.recipientCount() >= settings.maxRecipients()) {
            return Step.reply(Replies.TOO_MANY_RECIPIENTS_452);   // RFC 5321 §4.5.3.1.10: the client sends the rest later
        }
        Mailbox recipient = command.recipient();
        Optional<Reply> refusal = policy.checkRecipient(recipient, authentication.user());
        if (refusal.isPresent()) {
            envelope.recipientRefused();
            return Step.reply(refusal.get());
        }
        envelope.addRecipient(recipient, command.dsn());
        state = State.RECIPIENT;
        return Step.reply(Replies.RECIPIENT_OK_250);
    }

    private Step data() {
        if (envelope.parameters().body() == BodyType.BINARY_MIME) {
            return Step.reply(Replies.BINARYMIME_NEEDS_BDAT_503);   // RFC 3030 §3
        }
        state = State.BODY;
        return Step.then(Replies.START_MAIL_INPUT_354, new Step.Next.ReceiveData(transaction(), settings.maxMessageSize()));
    }

    /**
     * BDAT's octets follow its command line whatever we think of it, so a refused chunk is read and dropped
     * before its reply (RFC 3030 §4.2); a chunk that would pass the size limit ends the transaction with 552.
     */
    private Step bdat(Command.Bdat bdat, Optional<Reply> outOfOrder) {
        if (outOfOrder.isPresent()) {
            replyAfterDiscard = outOfOrder.get();
            return Step.silently(new Step.Next.DiscardChunk(bdat.size()));
        }
        if (bdat.size() > settings.maxMessageSize() - envelope.chunkedOctets()) {
            envelope.clear();
            state = State.GREETED;
            replyAfterDiscard = Replies.MESSAGE_TOO_BIG_552.with(settings.maxMessageSize());
            return Step.silently(new Step.Next.DiscardChunk(bdat.size()));
        }
        state = bdat.last() ? State.BODY : State.CHUNKING;
        return Step.silently(new Step.Next.ReceiveChunk(transaction(), bdat.size(), bdat.last()));
    }

    private Step simple(Verb verb) {
        return switch (verb) {
            case RSET -> {
                envelope.clear();
                if (state != State.CONNECTED) {
                    state = State.GREETED;
                }
                yield Step.reply(Replies.OK_250);
            }
            case NOOP -> Step.reply(Replies.OK_250);
            case QUIT -> Step.reply(Replies.CLOSING_221);
            case VRFY -> Step.reply(Replies.CANNOT_VERIFY_252);   // RFC 5321 §3.5.3: no user list to confirm against
            case HELP -> Step.reply(Replies.HELP_214);
            case EXPN -> Step.reply(Replies.NOT_IMPLEMENTED_502.with("EXPN"));   // mailing lists are not disclosed
            default -> throw new IllegalStateException("not a simple command: " + verb);
        };
    }

    /** RFC 7504 §3: a host that accepts no mail answers 521 to everything but QUIT. */
    private Step refuseAllButQuit(Command command) {
        if (command instanceof Command.Simple simple && simple.verb() == Verb.QUIT) {
            return Step.reply(Replies.CLOSING_221);
        }
        if (command instanceof Command.Bdat bdat) {
            replyAfterDiscard = Replies.NO_MAIL_SERVICE_521.with(settings.hostname());
            return Step.silently(new Step.Next.DiscardChunk(bdat.size()));
        }
        return Step.reply(Replies.NO_MAIL_SERVICE_521.with(settings.hostname()));
    }

    private Reply endTransaction(Reply reply) {
        envelope.clear();
        state = State.GREETED;
        return reply;
    }

    private Transaction transaction() {
        return envelope.transaction(heloName, esmtp, tlsActive, authentication.user());
    }
}
