package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.policy.SitePolicy;
import dev.mailroom.reply.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Plays raw client octets against a {@link SmtpSession} as the transport would read them — command lines up to
 * the longest any command may have (the session judges each against its own command's limit), DATA through a {@link DotUnstuffer}, BDAT chunks by count — and checks every step
 * against the session's contract. Two out-of-band events ride in the stream: a line that is exactly
 * {@code \x01} is an idle timeout, {@code \x02} a shutdown. For fuzzing: any input must play to its end.
 */
final class ClientStreamPlayer {
    static final SessionSettings SETTINGS = new SessionSettings("mx.example.com", 64, 3, 5, true, SessionSettings.MIN_LINE_LENGTH);
    private static final int MAX_REPLY_LINE = 512;   // RFC 5321 §4.5.3.1.5, code and CRLF included
    private static final byte TIMEOUT = 1;
    private static final byte SHUTDOWN = 2;

    private final byte[] input;
    private final SessionSettings settings;
    private final SmtpSession session;
    private int position;
    private int permanentFailures;
    private int storageChecks;

    ClientStreamPlayer(byte[] input, SessionSettings settings) {
        this.input = input;
        this.settings = settings;
        // Storage is short on every fifth check, so the 452 at MAIL comes up too.
        this.session = new SmtpSession(settings, new SitePolicy(Set.of("example.com"), () -> ++storageChecks % 5 != 0),
                new SessionSecurity(SessionSecurity.TlsMode.STARTTLS, false, java.util.Optional.of(
                        new TranscriptAuthenticator(java.util.Map.of("alice", "secret", "bob", "!unavailable"), 3)), false, true));
    }

    /** Plays the whole input (or until the session closes); fails on the first broken rule. */
    void play(Admission admission) {
        Step step = session.open(admission);
        check(step);
        while (true) {
            boolean commandLine = false;
            switch (step.next()) {
                case Step.Next.Close close -> {
                    return;
                }
                case Step.Next.ReadCommand read -> {
                    int end = indexOf('\n', position);
                    if (end < 0) {
                        return;   // the client stopped sending: the connection is gone
                    }
                    commandLine = !isEvent(end);
                    step = command(end);
                }
                case Step.Next.ReceiveData data -> {
                    assertThat(data.maxSize()).isEqualTo(settings.maxMessageSize());
                    assertThat(data.transaction().recipients()).hasSizeBetween(1, settings.maxRecipients());
                    DotUnstuffer unstuffer = new DotUnstuffer(OutputStream.nullOutputStream(), data.maxSize());
                    position += feed(unstuffer);
                    if (!unstuffer.finished()) {
                        return;
                    }
                    step = session.bodyEnded(unstuffer.bareLineEnding() ? new BodyOutcome.BareLineEnding()
                            : unstuffer.tooLarge() ? new BodyOutcome.TooLarge() : stored(unstuffer.size()));
                }
                case Step.Next.ReceiveChunk chunk -> {
                    assertThat(chunk.transaction().recipients()).hasSizeBetween(1, settings.maxRecipients());
                    if (!skip(chunk.size())) {
                        return;
                    }
                    step = session.bodyEnded(chunk.last() ? stored(chunk.size()) : new BodyOutcome.ChunkAccepted(chunk.size()));
                }
                case Step.Next.DiscardChunk discard -> {
                    if (!skip(discard.size())) {
                        return;
                    }
                    step = session.bodyEnded(new BodyOutcome.ChunkDiscarded());
                }
                case Step.Next.StartTls startTls -> {
                    // The handshake succeeds; the octets that follow stand for what the client sends over TLS.
                    step = session.tlsStarted();
                    assertThat(step.reply()).as("no reply after the handshake: the client speaks first").isEmpty();
                    assertThat(step.next()).isInstanceOf(Step.Next.ReadCommand.class);
                    continue;
                }
            }
            check(step);
            if (commandLine && permanentFailures >= settings.maxErrors()) {
                // After maxErrors 5xx replies the next command is answered 421 4.7.0, whatever it is.
                assertThat(step.reply()).as("a command after %d 5xx replies", permanentFailures)
                        .hasValueSatisfying(reply -> assertThat(reply.code()).isEqualTo(421));
            }
            if (step.reply().filter(Reply::isPermanentFailure).isPresent()) {
                permanentFailures++;   // as the session counts: replies to commands and to bodies, not the greeting
            }
        }
    }

    /** The line from {@code position} to the LF at {@code end}, without its CR LF. */
    private int lineLength(int end) {
        return end - position - (end > position && input[end - 1] == '\r' ? 1 : 0);
    }

    private boolean isEvent(int end) {
        return lineLength(end) == 1 && (input[position] == TIMEOUT || input[position] == SHUTDOWN);
    }

    private Step command(int end) {
        int start = position;
        int length = lineLength(end);
        boolean event = isEvent(end);
        position = end + 1;
        if (event) {
            return input[start] == TIMEOUT ? session.idleTimeout() : session.shutdown();
        }
        return end + 1 - start > settings.longestCommandLine() ? session.lineTooLong() : session.onLine(input, start, length);
    }

    /** The session's contract for every step. */
    private void check(Step step) {
        if (step.reply().isEmpty()) {
            // Only BDAT is answered after its chunk.
            assertThat(step.next()).isInstanceOfAny(Step.Next.ReceiveChunk.class, Step.Next.DiscardChunk.class);
            return;
        }
        Reply reply = step.reply().get();
        String where = reply + " after octet " + position;
        assertThat(reply.code()).as(where).isBetween(200, 599);
        reply.enhanced().ifPresent(enhanced -> assertThat(enhanced.statusClass()).as(where).isEqualTo(reply.code() / 100));
        for (String line : reply.wire().split("\r\n")) {
            assertThat(line).as(where).doesNotContain("\r", "\n");
            assertThat(line.getBytes(StandardCharsets.UTF_8).length + 2).as(where).isLessThanOrEqualTo(MAX_REPLY_LINE);
        }
        assertThat(step.next() instanceof Step.Next.Close).as(where).isEqualTo(reply.code() == 221 || reply.code() == 421);
        assertThat(step.next() instanceof Step.Next.ReceiveData).as(where).isEqualTo(reply.code() == 354);
        if (step.next() instanceof Step.Next.StartTls) {
            assertThat(reply.code()).as(where).isEqualTo(220);
        }
    }

    /** Storage fails now and then, decided by the size so the fuzzer can steer it. */
    private static BodyOutcome stored(long size) {
        return switch ((int) (size % 7)) {
            case 3 -> new BodyOutcome.StorageFailed(true);
            case 5 -> new BodyOutcome.StorageFailed(false);
            default -> new BodyOutcome.Stored("m" + size);
        };
    }

    private int feed(DotUnstuffer unstuffer) {
        try {
            return unstuffer.feed(input, position, input.length - position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // the null stream does not throw
        }
    }

    private boolean skip(long count) {
        if (count > input.length - position) {
            return false;   // the chunk never arrives in full: the connection is gone
        }
        position += (int) count;
        return true;
    }

    private int indexOf(char wanted, int from) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
