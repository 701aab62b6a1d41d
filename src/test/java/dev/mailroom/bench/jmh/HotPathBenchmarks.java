package dev.mailroom.bench.jmh;

import dev.mailroom.protocol.Command;
import dev.mailroom.protocol.CommandParser;
import dev.mailroom.protocol.DotUnstuffer;
import dev.mailroom.reply.Replies;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-message hot paths of the pure core: parsing the commands of a transaction, decoding a 4 KiB DATA
 * body, and formatting replies. Run with {@code bash bench/jmh.sh} (not part of {@code mvn test}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmarks {
    private static final OutputStream DISCARD = new OutputStream() {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
        }
    };

    private byte[] mail;
    private byte[] recipient;
    private byte[] body;

    @Setup
    public void prepare() {
        mail = "MAIL FROM:<alice.sender@example.org> SIZE=4096 BODY=8BITMIME".getBytes(StandardCharsets.US_ASCII);
        recipient = "RCPT TO:<bob.recipient@example.test>".getBytes(StandardCharsets.US_ASCII);
        StringBuilder text = new StringBuilder("Subject: load\r\nFrom: alice@example.org\r\n\r\n");
        while (text.length() < 4096) {
            text.append("The quick brown fox jumps over the lazy dog, again and again.\r\n.dot-stuffed line\r\n");
        }
        body = text.append(".\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public Command parseMail() {
        return CommandParser.parse(mail, 0, mail.length, false);
    }

    @Benchmark
    public Command parseRecipient() {
        return CommandParser.parse(recipient, 0, recipient.length, false);
    }

    /** A 4 KiB body with dot-stuffed lines, fed in one buffer as the transport usually has it. */
    @Benchmark
    public long decodeBody() throws IOException {
        DotUnstuffer unstuffer = new DotUnstuffer(DISCARD, Long.MAX_VALUE);
        unstuffer.feed(body, 0, body.length);
        return unstuffer.size();
    }

    @Benchmark
    public byte[] formatQueuedReply() {
        return Replies.QUEUED_250.with("1795407728.M684952P28258Q1").wireBytes();
    }
}
