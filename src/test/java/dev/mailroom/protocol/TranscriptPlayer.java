package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mailroom.protocol.Transcript.Item;
import dev.mailroom.protocol.Transcript.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Plays a {@link Transcript} against a fresh {@link SmtpSession}, doing what the transport would do for each
 * {@link Step.Next} (feeding DATA through a real {@link DotUnstuffer}, taking BDAT chunks octet by octet) and
 * checking every reply against the transcript's S: lines, exactly as sent on the wire.
 */
final class TranscriptPlayer {
    /** Junk around each command line, so the session is also shown to honour offset and length. */
    private static final int PADDING = 3;

    private final Transcript transcript;
    private final SmtpSession session;
    private final List<Item> items;
    private int position;
    private int storedCount;
    private Optional<byte[]> lastStored = Optional.empty();
    private final ByteArrayOutputStream chunkedMessage = new ByteArrayOutputStream();

    TranscriptPlayer(Transcript transcript) {
        this.transcript = transcript;
        this.session = new SmtpSession(transcript.settings(), transcript.policy(), transcript.security());
        this.items = transcript.items();
    }

    void play() {
        Step step = session.open(transcript.admission());
        String cause = "the greeting";
        while (true) {
            expectReply(step, cause);
            Step.Next next = step.next();
            if (!session.chunking() && !(next instanceof Step.Next.ReceiveChunk)) {
                chunkedMessage.reset();   // as the transport does: RSET, EHLO or a failure ended the BDAT message
            }
            switch (next) {
                case Step.Next.Close close -> {
                    Item closed = take(cause + " closes the session, so the transcript must say @closed");
                    assertThat(closed.kind()).as(where(closed) + "the session closes here; expected @closed").isEqualTo(Kind.CLOSED);
                    assertThat(position).as(where(closed) + "nothing may follow @closed").isEqualTo(items.size());
                    return;
                }
                case Step.Next.ReadCommand read -> {
                    checkStoredBody();
                    if (position == items.size()) {
                        return;   // the session waits for the next command: a legal place to end
                    }
                    Item item = take("a command");
                    cause = "line " + item.lineNumber() + " \"" + item.line() + "\"";
                    step = command(item);
                }
                case Step.Next.ReceiveData data -> step = session.bodyEnded(receiveData(data));
                case Step.Next.ReceiveChunk chunk -> step = session.bodyEnded(receiveChunk(chunk));
                case Step.Next.DiscardChunk discard -> {
                    takeChunk(discard.size());
                    step = session.bodyEnded(new BodyOutcome.ChunkDiscarded());
                }
                case Step.Next.StartTls startTls -> {
                    Item handshake = take(cause + " starts TLS, so the transcript must say @handshake");
                    assertThat(handshake.kind()).as(where(handshake) + "the session starts TLS here; expected @handshake")
                            .isEqualTo(Kind.HANDSHAKE);
                    step = session.tlsStarted();
                }
            }
            if (next instanceof Step.Next.StartTls) {
                cause = "the TLS handshake before " + here();
            } else if (!(next instanceof Step.Next.ReadCommand)) {
                cause = "the body ending before " + here();
            }
        }
    }

    private Step command(Item item) {
        return switch (item.kind()) {
            case COMMAND -> {
                byte[] line = item.octets();
                byte[] padded = new byte[line.length + 2 * PADDING];
                Arrays.fill(padded, (byte) 'X');
                System.arraycopy(line, 0, padded, PADDING, line.length);
                yield session.onLine(padded, PADDING, line.length);
            }
            case LINE_TOO_LONG -> session.lineTooLong();
            case TIMEOUT -> session.idleTimeout();
            case SHUTDOWN -> session.shutdown();
            default -> fail(where(item) + "the session waits for a command here, not " + item.kind());
        };
    }

    /**
     * Consecutive S: lines are one reply and must match the step's reply exactly. A step without a reply (BDAT,
     * whose reply follows its chunk) leaves them for the step after the chunk.
     */
    private void expectReply(Step step, String cause) {
        if (step.reply().isEmpty()) {
            return;
        }
        StringBuilder expected = new StringBuilder();
        String first = here();
        while (position < items.size() && items.get(position).kind() == Kind.REPLY) {
            expected.append(items.get(position++).text()).append("\r\n");
        }
        assertThat(step.reply().get().wire()).as("%s: reply to %s (expected at %s)", transcript.name(), cause, first)
                .isEqualTo(expected.toString());
    }

    private BodyOutcome receiveData(Step.Next.ReceiveData data) {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        DotUnstuffer unstuffer = new DotUnstuffer(stored, data.maxSize());
        byte[] body = bodyOctets();
        int consumed = feed(unstuffer, body);
        assertThat(unstuffer.finished()).as("%s: the DATA body before %s has no <CRLF>.<CRLF>", transcript.name(), here())
                .isTrue();
        assertThat(consumed).as("%s: octets after the end of data before %s: write them as C: lines", transcript.name(), here())
                .isEqualTo(body.length);
        Optional<Item> failure = writeFailure();
        if (unstuffer.bareLineEnding()) {
            return new BodyOutcome.BareLineEnding();
        }
        if (unstuffer.tooLarge()) {
            return new BodyOutcome.TooLarge();
        }
        return failure.<BodyOutcome>map(TranscriptPlayer::storageFailed).orElseGet(() -> store(stored.toByteArray()));
    }

    private BodyOutcome receiveChunk(Step.Next.ReceiveChunk chunk) {
        chunkedMessage.writeBytes(takeChunk(chunk.size()));
        Optional<Item> failure = writeFailure();
        if (failure.isPresent()) {
            chunkedMessage.reset();
            return storageFailed(failure.get());
        }
        if (!chunk.last()) {
            return new BodyOutcome.ChunkAccepted(chunk.size());
        }
        BodyOutcome stored = store(chunkedMessage.toByteArray());
        chunkedMessage.reset();
        return stored;
    }

    /** The D: lines of a DATA body, up to the next other item. */
    private byte[] bodyOctets() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (position < items.size() && peek() == Kind.BODY) {
            body.writeBytes(items.get(position++).octets());
        }
        return body.toByteArray();
    }

    /** Exactly {@code size} octets of D: lines, as the transport reads a BDAT chunk. */
    private byte[] takeChunk(long size) {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        String first = here();
        while (chunk.size() < size && position < items.size() && peek() == Kind.BODY) {
            chunk.writeBytes(items.get(position++).octets());
        }
        assertThat((long) chunk.size()).as("%s: the BDAT chunk starting at %s must be D: lines of exactly %d octets",
                transcript.name(), first, size).isEqualTo(size);
        return chunk.toByteArray();
    }

    private Optional<Item> writeFailure() {
        if (position < items.size() && peek() == Kind.WRITE_FAILS) {
            return Optional.of(items.get(position++));
        }
        return Optional.empty();
    }

    private static BodyOutcome storageFailed(Item failure) {
        return new BodyOutcome.StorageFailed(failure.text().equals("disk-full"));
    }

    private BodyOutcome store(byte[] body) {
        lastStored = Optional.of(body);
        return new BodyOutcome.Stored("m" + ++storedCount);
    }

    /** M: lines at a command boundary assert the body of the message stored last. */
    private void checkStoredBody() {
        if (position >= items.size() || peek() != Kind.STORED_BODY) {
            return;
        }
        String first = here();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        while (position < items.size() && peek() == Kind.STORED_BODY) {
            expected.writeBytes(items.get(position++).octets());
        }
        assertThat(lastStored).as("%s, %s: M: lines, but no message was stored", transcript.name(), first).isPresent();
        assertThat(new String(lastStored.get(), StandardCharsets.UTF_8)).as("%s, %s: stored body", transcript.name(), first)
                .isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }

    private static int feed(DotUnstuffer unstuffer, byte[] body) {
        try {
            return unstuffer.feed(body, 0, body.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not throw
        }
    }

    private Item take(String what) {
        if (position == items.size()) {
            fail("%s: the transcript ends where %s should follow", transcript.name(), what);
        }
        return items.get(position++);
    }

    private Kind peek() {
        return items.get(position).kind();
    }

    /** Where the player is in the file, for messages. */
    private String here() {
        return position < items.size() ? "line " + items.get(position).lineNumber() : "the end of the file";
    }

    private String where(Item item) {
        return transcript.name() + ":" + item.lineNumber() + ": ";
    }
}
