package dev.mailroom.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.bench.PipelinedSmtpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise of issue 2, tested the hard way: {@code mailroom serve} runs in a child JVM, eight
 * senders deliver concurrently over raw sockets, and the server is SIGKILLed at a random moment. After a
 * restart on the same data directory every message that got 250 must be in {@code new/} of each recipient,
 * byte-identical after the trace headers, and nothing partial or unknown may be visible outside {@code tmp/}.
 * A message stored but killed before its 250 reached the client is allowed, if whole.
 *
 * <p>Each round's kill lands at a different moment; the seed printed first replays the same messages and
 * pauses ({@code -Dmailroom.crash.seed=N}); the thread timing is the machine's. SIGKILL leaves the kernel's
 * page cache intact, so this proves the order of writes, links and replies, not the fsyncs against power loss.
 */
class CrashDurabilityTest {
    private static final String HOSTNAME = "crash.test";
    private static final int ROUNDS = 3;
    private static final int SENDERS = 8;
    /** How Java reports a child killed by signal 9. */
    private static final int KILLED_BY_SIGKILL = 128 + 9;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void everyAcknowledgedMessageSurvivesSigkillAndRestart(@TempDir Path work) throws Exception {
        long seed = Long.getLong("mailroom.crash.seed", ThreadLocalRandom.current().nextLong());
        System.out.println("crash test: seed " + seed + " (replay with -Dmailroom.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path data = work.resolve("data");
        Ledger ledger = new Ledger();
        ChildServer server = ChildServer.start(data, HOSTNAME, work.resolve("server-0.log"));
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                String roundPrefix = "r" + round + "-";
                RoundOutcome outcome = sendUntilKilled(server, roundPrefix, random, ledger);
                assertThat(outcome.exitStatus()).as("exit status of the killed server").isEqualTo(KILLED_BY_SIGKILL);
                assertThat(server.isAlive()).isFalse();
                assertThat(outcome.senderFailures()).as("sender failures before the kill, seed %d", seed).isEmpty();

                server = ChildServer.start(data, HOSTNAME, work.resolve("server-" + round + ".log"));
                MaildirAudit.Report report = MaildirAudit.audit(data.resolve("mail"), HOSTNAME, ledger);
                assertThat(report.problems()).as("seed %d, round %d", seed, round).isEmpty();
                long storedThisRound = report.storedMarkers().stream().filter(m -> m.startsWith(roundPrefix)).count();
                System.out.printf("crash test round %d: seed %d, killed %d ms after the third 250: sent %d, acknowledged %d, "
                                + "stored %d (%d without their 250), %d left in tmp/%n", round, seed, outcome.pauseMillis(),
                        outcome.sent(), outcome.acknowledged(), storedThisRound, storedThisRound - outcome.acknowledged(),
                        report.temporaryFiles());

                sendOne(server.address(), roundPrefix + "after-restart", random, ledger);
            }
            assertThat(server.terminate()).as("exit status after SIGTERM").isZero();
            assertThat(MaildirAudit.audit(data.resolve("mail"), HOSTNAME, ledger).problems()).isEmpty();
        } finally {
            server.close();
        }
    }

    /**
     * @param exitStatus     how the killed server exited
     * @param senderFailures anything that went wrong before the kill (refusals, lost connections)
     * @param pauseMillis    the random pause between the third 250 and the kill
     */
    private record RoundOutcome(int exitStatus, List<String> senderFailures, long pauseMillis, int sent, int acknowledged) {
    }

    private static RoundOutcome sendUntilKilled(ChildServer server, String roundPrefix, Random random, Ledger ledger)
            throws InterruptedException {
        AtomicBoolean killing = new AtomicBoolean();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Sender sender = new Sender(server.address(), roundPrefix + "s" + i + "-", new Random(random.nextLong()), ledger,
                    killing, failures, sent, acknowledged);
            senders.add(Thread.ofPlatform().name("crash-sender-" + i).start(sender::run));
        }
        long pauseMillis = random.nextInt(1500);
        // A kill before any 250 would prove nothing; a slow machine gets time to reach the first few.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.get() < 3 && failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(pauseMillis);
        killing.set(true);
        int exitStatus = server.kill();
        for (Thread sender : senders) {
            sender.join(CLIENT_TIMEOUT.toMillis());
            assertThat(sender.isAlive()).as("sender %s still running after the kill", sender.getName()).isFalse();
        }
        assertThat(acknowledged.get()).as("messages acknowledged before the kill").isGreaterThanOrEqualTo(3);
        return new RoundOutcome(exitStatus, List.copyOf(failures), pauseMillis, sent.get(), acknowledged.get());
    }

    /** One sending thread: messages until the kill, a fresh connection every few messages. */
    private record Sender(InetSocketAddress server, String prefix, Random random, Ledger ledger, AtomicBoolean killing,
                          List<String> failures, AtomicInteger sent, AtomicInteger acknowledged) {
        void run() {
            int number = 0;
            while (!killing.get()) {
                try (PipelinedSmtpClient client = PipelinedSmtpClient.connect(server, CLIENT_TIMEOUT)) {
                    int perConnection = 1 + random.nextInt(20);
                    for (int i = 0; i < perConnection && !killing.get(); i++) {
                        TestMessage message = TestMessage.random(prefix + number++, random);
                        ledger.sending(message);
                        sent.incrementAndGet();
                        PipelinedSmtpClient.ServerReply reply = client.send(message.sender(), message.recipients(), message.content());
                        Optional<String> id = reply.queuedId();
                        if (id.isEmpty()) {
                            failures.add(message.marker() + " refused: " + reply);
                            return;
                        }
                        ledger.acknowledged(message, id.get());
                        acknowledged.incrementAndGet();
                    }
                    client.quit();
                } catch (IOException e) {
                    if (!killing.get()) {
                        failures.add(prefix + " lost its connection before the kill: " + e);
                    }
                    return;
                }
            }
        }
    }

    /** The restarted server must take new mail; the next audit checks that this message is stored. */
    private static void sendOne(InetSocketAddress server, String marker, Random random, Ledger ledger) throws IOException {
        TestMessage message = TestMessage.random(marker, random);
        ledger.sending(message);
        try (PipelinedSmtpClient client = PipelinedSmtpClient.connect(server, CLIENT_TIMEOUT)) {
            PipelinedSmtpClient.ServerReply reply = client.send(message.sender(), message.recipients(), message.content());
            assertThat(reply.queuedId()).as("reply to a message after the restart: %s", reply).isPresent();
            ledger.acknowledged(message, reply.queuedId().get());
            client.quit();
        }
    }
}
