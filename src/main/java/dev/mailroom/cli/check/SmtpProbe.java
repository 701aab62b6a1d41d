package dev.mailroom.cli.check;

import dev.mailroom.cli.check.Problem.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * One diagnostic SMTP session, in the spirit of swaks: the greeting, EHLO (HELO if the server knows no EHLO),
 * STARTTLS if asked for, MAIL FROM and RCPT TO if addresses are given (never any message data), then RSET and
 * QUIT. It records the transcript and a verdict: the most severe outcome among the replies that count (greeting,
 * EHLO, STARTTLS, MAIL, RCPT; not RSET or QUIT, which only end the session) and the problems met, the first of
 * equal severity winning.
 *
 * <p>After a refused greeting, EHLO, STARTTLS or MAIL the session ends with QUIT, as RFC 5321 §3.1 asks even after
 * a 554 greeting; after a 421 the server closes the channel itself (§3.8), so the client sends nothing more.
 */
public final class SmtpProbe {
    /** 421: the server is closing the channel, and will not read another command. */
    private static final int CLOSING = 421;

    /**
     * What to check.
     *
     * @param ehloName            the name to greet with; by default this host's name, or its address literal
     * @param trustAnyCertificate accept any TLS certificate for any name (the user's explicit {@code --insecure})
     * @param sender              the MAIL FROM address; the null path {@code <>} when only recipients are given
     * @param timeout             for the connection and then for each reply
     */
    public record Settings(SmtpTarget target, Optional<String> ehloName, boolean startTls, boolean trustAnyCertificate,
            Optional<String> sender, List<String> recipients, Duration timeout) {
        public Settings {
            recipients = List.copyOf(recipients);
        }
    }

    /** The transcript of a check and its verdict. */
    public record Result(SmtpTarget target, List<Event> transcript, Verdict verdict) {
        public Result {
            transcript = List.copyOf(transcript);
        }
    }

    private final Settings settings;
    private final List<Event> transcript = new ArrayList<>();
    private Verdict verdict = new Verdict.Accepted();
    private SmtpChannel channel;
    private boolean serverClosing;

    private SmtpProbe(Settings settings) {
        this.settings = settings;
    }

    public static Result run(Settings settings) {
        return new SmtpProbe(settings).run();
    }

    private Result run() {
        try {
            channel = SmtpChannel.connect(settings.target(), settings.timeout());
        } catch (IOException e) {
            Problem problem = problem(e);
            transcript.add(new Event.Trouble(problem));
            return new Result(settings.target(), transcript, new Verdict.Failed(problem, false));
        }
        try {
            transcript.add(new Event.Connected(channel.remoteAddress()));
            session();
        } catch (IOException e) {
            fail(problem(e));
        } finally {
            close();
        }
        return new Result(settings.target(), transcript, verdict);
    }

    /** Closes the channel in use, the TLS one after STARTTLS, which closes the socket beneath. */
    private void close() {
        try {
            channel.close();
        } catch (IOException alreadyBroken) {
            // The session is over and its outcome recorded; a failed close changes nothing.
        }
    }

    private void session() throws IOException {
        Event.Received greeting = receive();
        if (!counted(greeting, Optional.empty())) {
            quit();
            return;
        }
        Event.Received hello = hello();
        if (!hello.isPositive()) {
            quit();
            return;
        }
        if (settings.startTls()) {
            if (!offers(hello, "STARTTLS")) {
                fail(new Problem(Kind.NO_STARTTLS, ""));
                quit();
                return;
            }
            if (!counted(exchange("STARTTLS"), Optional.of("STARTTLS"))) {
                quit();
                return;
            }
            // A failed handshake leaves the stream in no state to say QUIT in: the caller reports it and closes.
            channel = channel.startTls(settings.target(), settings.trustAnyCertificate());
            transcript.add(channel.tlsSession());
            // RFC 3207 §4.2: what the server said before TLS is forgotten, so the client greets it again.
            if (!hello().isPositive()) {
                quit();
                return;
            }
        }
        if (settings.sender().isPresent() || !settings.recipients().isEmpty()) {
            transaction();
        }
        quit();
    }

    private void transaction() throws IOException {
        String mail = "MAIL FROM:<" + settings.sender().orElse("") + ">";
        if (counted(exchange(mail), Optional.of(mail))) {
            for (String recipient : settings.recipients()) {
                String rcpt = "RCPT TO:<" + recipient + ">";
                counted(exchange(rcpt), Optional.of(rcpt));
                if (serverClosing) {
                    return;
                }
            }
        }
        ending("RSET");
    }

    /** EHLO, or HELO if the server does not recognise EHLO (RFC 5321 §4.1.4 lets a client fall back). */
    private Event.Received hello() throws IOException {
        String ehlo = "EHLO " + ehloName();
        Event.Received reply = exchange(ehlo);
        if (reply.code() == 500 || reply.code() == 502) {
            String helo = "HELO " + ehloName();
            Event.Received fallback = exchange(helo);
            counted(fallback, Optional.of(helo));
            return fallback;
        }
        counted(reply, Optional.of(ehlo));
        return reply;
    }

    private String ehloName() {
        return settings.ehloName().orElseGet(() -> {
            try {
                String name = InetAddress.getLocalHost().getCanonicalHostName();
                // RFC 5321 §4.1.4: a fully qualified domain name, else an address literal. A bare "laptop" is
                // neither, and a name ending in a digit is an address that found no name.
                boolean qualified = name.contains(".") && !Character.isDigit(name.charAt(name.length() - 1)) && !name.contains(":");
                return qualified ? name : channel.localAddressLiteral();
            } catch (UnknownHostException noName) {
                return channel.localAddressLiteral();
            }
        });
    }

    private static boolean offers(Event.Received ehlo, String keyword) {
        return ehlo.lines().stream().skip(1)
                .map(line -> line.length() > 4 ? line.substring(4).strip().split(" ")[0] : "")
                .anyMatch(keyword::equalsIgnoreCase);
    }

    private Event.Received exchange(String command) throws IOException {
        channel.send(command);
        transcript.add(new Event.Sent(command));
        return receive();
    }

    private Event.Received receive() throws IOException {
        Event.Received reply = channel.reply();
        transcript.add(reply);
        serverClosing = reply.code() == CLOSING;
        return reply;
    }

    /** Lets a reply to a command that counts decide the verdict, if it is the worst so far; true if positive. */
    private boolean counted(Event.Received reply, Optional<String> command) {
        consider(new Verdict.Refused(reply, command));
        return reply.isPositive();
    }

    /** RSET or QUIT: only ends the session, so a failure is noted but does not change the verdict. */
    private void ending(String command) {
        if (serverClosing) {
            return;
        }
        try {
            exchange(command);
        } catch (IOException e) {
            transcript.add(new Event.Trouble(problem(e)));
            serverClosing = true;
        }
    }

    private void quit() {
        ending("QUIT");
    }

    private void fail(Problem problem) {
        transcript.add(new Event.Trouble(problem));
        consider(new Verdict.Failed(problem, true));
    }

    private void consider(Verdict candidate) {
        if (candidate.outcome().compareTo(verdict.outcome()) > 0) {
            verdict = candidate;
        }
    }

    private Problem problem(IOException e) {
        return switch (e) {
            case UnknownHostException unknown -> new Problem(Kind.UNKNOWN_HOST, settings.target().host());
            case ConnectException refused -> new Problem(Kind.REFUSED, settings.target().toString());
            case SocketTimeoutException timeout -> new Problem(Kind.TIMED_OUT, seconds(settings.timeout()));
            case EOFException closed -> new Problem(Kind.CLOSED, "");
            case SmtpChannel.NotSmtpException notSmtp -> new Problem(Kind.NOT_SMTP, abbreviated(notSmtp.getMessage()));
            case SSLException tls -> new Problem(Kind.TLS_FAILED, String.valueOf(tls.getMessage()));
            default -> new Problem(Kind.NETWORK, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        };
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** What a non-SMTP server sent can be long and binary: enough of it to recognise, no more. */
    private static String abbreviated(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }
}
