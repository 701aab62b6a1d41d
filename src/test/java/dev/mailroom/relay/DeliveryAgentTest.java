package dev.mailroom.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.delivery.DeliveryRules;
import dev.mailroom.delivery.RecipientState;
import dev.mailroom.delivery.RecipientStatus;
import dev.mailroom.delivery.RetrySchedule;
import dev.mailroom.queue.MailQueue;
import dev.mailroom.queue.QueueEntry;
import dev.mailroom.reply.catalog.ReplyCatalog;
import dev.mailroom.reply.catalog.ReplyClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One delivery attempt against scripted servers on 127.0.0.x, routed by a DNS server on loopback. */
class DeliveryAgentTest {
    static final String MESSAGE = "Subject: test\r\n\r\nHello.\r\n.leading dot\r\n";

    @TempDir
    Path directory;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private LoopbackDns dns;
    private MailQueue queue;
    private int port;

    @BeforeEach
    void setUp() throws Exception {
        dns = new LoopbackDns();
        closing.add(dns);
        queue = MailQueue.open(directory, Clock.systemUTC(), true);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    /** A scripted server on {@code address}; all of a test's servers share one port, as --delivery-port asks. */
    private ScriptedMx mx(String address, ScriptedMx.Script script) throws IOException {
        ScriptedMx server = new ScriptedMx(address, port, script);
        port = server.port();
        closing.add(server);
        return server;
    }

    private DeliveryAgent agent() throws IOException {
        RelaySettings settings = RelaySettings.defaults("relay.test").withPort(port == 0 ? 25 : port)
                .withSchedule(new RetrySchedule(RetrySchedule.parseIntervals("2s,3s,5s"), Duration.ofSeconds(40)))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        return new DeliveryAgent(queue, dns.resolver(), settings,
                new DeliveryRules(new ReplyClassifier(ReplyCatalog.standard())));
    }

    private QueueEntry queued(String... recipients) throws IOException {
        try (MailQueue.QueueWriter writer = queue.begin(Optional.of("alice@local.test"), List.of(recipients))) {
            writer.body().write(MESSAGE.getBytes(StandardCharsets.US_ASCII));
            return writer.commit();
        }
    }

    private static RecipientState state(QueueEntry entry, String address) {
        return entry.recipients().stream().filter(r -> r.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void a421GreetingSendsTheMessageToTheNextMx() throws Exception {
        dns.mx("example.test", 10, "mx1.example.test").mx("example.test", 20, "mx2.example.test")
                .a("mx1.example.test", "127.0.0.2").a("mx2.example.test", "127.0.0.3");
        ScriptedMx busy = mx("127.0.0.2", new ScriptedMx.Script() {
            @Override
            public String greeting(int connection) {
                return "421 4.3.2 busy, try later";
            }
        });
        ScriptedMx good = mx("127.0.0.3", new ScriptedMx.Script() { });

        QueueEntry after = agent().attempt(queued("bob@example.test"));

        assertThat(busy.connections()).isEqualTo(1);
        assertThat(good.accepted()).hasSize(1);
        assertThat(good.accepted().getFirst().sender()).isEqualTo("<alice@local.test>");
        assertThat(good.accepted().getFirst().data()).isEqualTo(MESSAGE);   // dot-stuffed on the wire, intact here
        assertThat(state(after, "bob@example.test").status()).isEqualTo(RecipientStatus.DELIVERED);
        assertThat(state(after, "bob@example.test").remoteHost()).contains("mx2.example.test[127.0.0.3]");
        assertThat(queue.read(after.id())).contains(after);
    }

    @Test
    void oneRecipientOfThreeRefusedAnotherGreylisted() throws Exception {
        dns.mx("example.test", 10, "mx1.example.test").a("mx1.example.test", "127.0.0.2");
        ScriptedMx server = mx("127.0.0.2", ScriptedMx.Script
                .answering(command -> command.contains("<bob@"), "550 5.1.1 <bob@example.test>: no such user")
                .and(command -> command.contains("<carol@"), "451 4.7.1 greylisted, come back later"));

        QueueEntry after = agent().attempt(queued("alice@example.test", "bob@example.test", "carol@example.test"));

        assertThat(server.accepted()).singleElement().extracting(ScriptedMx.Accepted::recipients)
                .isEqualTo(List.of("<alice@example.test>"));
        assertThat(state(after, "alice@example.test").status()).isEqualTo(RecipientStatus.DELIVERED);
        assertThat(state(after, "bob@example.test").status()).isEqualTo(RecipientStatus.BOUNCED);
        assertThat(state(after, "bob@example.test").lastReply()).contains("550 5.1.1 <bob@example.test>: no such user");
        RecipientState carol = state(after, "carol@example.test");
        assertThat(carol.status()).isEqualTo(RecipientStatus.DEFERRED);
        assertThat(carol.lastReply()).contains("451 4.7.1 greylisted, come back later");
        assertThat(carol.nextAttempt().orElseThrow()).isAfter(after.queuedAt().plusSeconds(1));
    }

    @Test
    void a521GreetingFromTheOnlyHostBounces() throws Exception {
        dns.mx("nomail.test", 10, "mx.nomail.test").a("mx.nomail.test", "127.0.0.2");
        mx("127.0.0.2", new ScriptedMx.Script() {
            @Override
            public String greeting(int connection) {
                return "521 5.3.2 this host accepts no mail";
            }
        });

        QueueEntry after = agent().attempt(queued("bob@nomail.test"));

        assertThat(state(after, "bob@nomail.test").status()).isEqualTo(RecipientStatus.BOUNCED);
        assertThat(state(after, "bob@nomail.test").lastReply()).contains("521 5.3.2 this host accepts no mail");
    }

    @Test
    void aNullMxBouncesWithoutAConnection() throws Exception {
        dns.nullMx("null.test").a("null.test", "127.0.0.2");
        ScriptedMx server = mx("127.0.0.2", new ScriptedMx.Script() { });

        QueueEntry after = agent().attempt(queued("bob@null.test"));

        assertThat(server.connections()).isZero();
        assertThat(state(after, "bob@null.test").status()).isEqualTo(RecipientStatus.BOUNCED);
        assertThat(state(after, "bob@null.test").lastReply().orElseThrow()).startsWith("556 5.1.10");
    }

    @Test
    void dnsAnswersDecideWithoutAConnection() throws Exception {
        dns.failing("servfail.test");
        QueueEntry after = agent().attempt(queued("a@nxdomain.test", "b@servfail.test"));

        assertThat(state(after, "a@nxdomain.test").status()).isEqualTo(RecipientStatus.BOUNCED);
        assertThat(state(after, "a@nxdomain.test").lastReply().orElseThrow()).startsWith("550 5.1.2");
        assertThat(state(after, "b@servfail.test").status()).isEqualTo(RecipientStatus.DEFERRED);
        assertThat(state(after, "b@servfail.test").lastReply().orElseThrow()).startsWith("451 4.4.3");
    }

    @Test
    void aDomainWithoutMxIsItsOwnMx() throws Exception {
        dns.a("implicit.test", "127.0.0.4");
        ScriptedMx server = mx("127.0.0.4", new ScriptedMx.Script() { });

        QueueEntry after = agent().attempt(queued("bob@implicit.test"));

        assertThat(server.accepted()).hasSize(1);
        assertThat(state(after, "bob@implicit.test").status()).isEqualTo(RecipientStatus.DELIVERED);
    }

    @Test
    void aDroppedConnectionAndARefusedOneDefer() throws Exception {
        dns.mx("drop.test", 10, "mx1.drop.test").mx("drop.test", 20, "mx2.drop.test")
                .a("mx1.drop.test", "127.0.0.2").a("mx2.drop.test", "127.0.0.5");
        ScriptedMx dropping = mx("127.0.0.2", new ScriptedMx.Script() {
            @Override
            public String reply(int connection, String command) {
                return command.startsWith("RCPT") ? null : ScriptedMx.Script.super.reply(connection, command);
            }
        });
        // Nothing listens on 127.0.0.5: connection refused.

        QueueEntry after = agent().attempt(queued("bob@drop.test"));

        assertThat(dropping.connections()).isEqualTo(1);
        RecipientState bob = state(after, "bob@drop.test");
        assertThat(bob.status()).isEqualTo(RecipientStatus.DEFERRED);
        assertThat(bob.lastReply().orElseThrow()).startsWith("451 4.4.1");
        assertThat(bob.failures()).isEqualTo(1);
    }

    @Test
    void a421AtRcptTriesTheNextHostAndA452AtMailDefers() throws Exception {
        dns.mx("t.test", 10, "mx1.t.test").mx("t.test", 20, "mx2.t.test")
                .a("mx1.t.test", "127.0.0.2").a("mx2.t.test", "127.0.0.3");
        mx("127.0.0.2", new ScriptedMx.Script() {
            @Override
            public String reply(int connection, String command) {
                return command.startsWith("RCPT") ? "421 4.4.2 closing" : ScriptedMx.Script.super.reply(connection, command);
            }
        });
        mx("127.0.0.3", new ScriptedMx.Script() {
            @Override
            public String reply(int connection, String command) {
                return command.startsWith("MAIL") ? "452 4.3.1 out of space" : ScriptedMx.Script.super.reply(connection, command);
            }
        });

        QueueEntry after = agent().attempt(queued("bob@t.test"));

        assertThat(state(after, "bob@t.test").status()).isEqualTo(RecipientStatus.DEFERRED);
        assertThat(state(after, "bob@t.test").lastReply()).contains("452 4.3.1 out of space");
        assertThat(state(after, "bob@t.test").remoteHost()).contains("mx2.t.test[127.0.0.3]");
    }

    @Test
    void a452AfterTwoRecipientsDefersTheRestWhichGoAtTheRetry() throws Exception {
        dns.mx("many.test", 10, "mx.many.test").a("mx.many.test", "127.0.0.2");
        ScriptedMx server = mx("127.0.0.2", new ScriptedMx.Script() {
            private final java.util.Map<Integer, Integer> recipients = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public String reply(int connection, String command) {
                if (command.startsWith("RCPT") && recipients.merge(connection, 1, Integer::sum) > 2) {
                    return "452 4.5.3 Too many recipients";
                }
                return ScriptedMx.Script.super.reply(connection, command);
            }
        });
        DeliveryAgent agent = agent();

        QueueEntry first = agent.attempt(queued("a@many.test", "b@many.test", "c@many.test"));
        assertThat(first.recipients()).extracting(RecipientState::status)
                .containsExactly(RecipientStatus.DELIVERED, RecipientStatus.DELIVERED, RecipientStatus.DEFERRED);
        assertThat(state(first, "c@many.test").lastReply()).contains("452 4.5.3 Too many recipients");

        QueueEntry second = agent.attempt(first.dueAt(java.time.Instant.now()));
        assertThat(second.isDone()).isTrue();
        assertThat(server.accepted()).extracting(ScriptedMx.Accepted::recipients)
                .containsExactly(List.of("<a@many.test>", "<b@many.test>"), List.of("<c@many.test>"));
    }

    @Test
    void aServerTooSlowToGreetIsATransientFailure() throws Exception {
        dns.a("slow.test", "127.0.0.2");
        mx("127.0.0.2", new ScriptedMx.Script() {
            @Override
            public String greeting(int connection) {
                try {
                    Thread.sleep(4000);   // longer than the 2 s command timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "220 slow.test";
            }
        });

        QueueEntry after = agent().attempt(queued("bob@slow.test"));

        assertThat(state(after, "bob@slow.test").status()).isEqualTo(RecipientStatus.DEFERRED);
        assertThat(state(after, "bob@slow.test").lastReply().orElseThrow()).startsWith("451 4.4.2 Timed out");
    }

    @Test
    void oneDomainGetsNoMoreDeliveriesAtOnceThanItsLimit() throws Exception {
        dns.a("busy.test", "127.0.0.2");
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        mx("127.0.0.2", new ScriptedMx.Script() {
            @Override
            public String greeting(int connection) {
                most.accumulateAndGet(open.incrementAndGet(), Math::max);
                return "220 busy.test";
            }

            @Override
            public String afterData(int connection, String message) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                open.decrementAndGet();
                return "250 2.0.0 ok";
            }
        });
        RelaySettings settings = RelaySettings.defaults("relay.test").withPort(port)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)).withConcurrency(10, 2);
        DeliveryAgent agent = new DeliveryAgent(queue, dns.resolver(), settings,
                new DeliveryRules(new ReplyClassifier(ReplyCatalog.standard())));
        List<QueueEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(queued("r" + i + "@busy.test"));
        }
        List<Thread> threads = new ArrayList<>();
        for (QueueEntry entry : entries) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    agent.attempt(entry);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(20));
        }
        assertThat(queue.entries()).allMatch(QueueEntry::isDone);
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void messagesToOneHostShareAConnectionAndARefusedOneIsResetNotDropped() throws Exception {
        dns.mx("batch.test", 10, "mx.batch.test").a("mx.batch.test", "127.0.0.2");
        ScriptedMx server = mx("127.0.0.2", ScriptedMx.Script
                .answering(command -> command.contains("<nobody@"), "550 5.1.1 no such user")
                .and(command -> command.contains("<later@"), "451 4.7.1 greylisted"));
        List<QueueEntry> entries = List.of(queued("a@batch.test"), queued("nobody@batch.test"),
                queued("b@batch.test", "later@batch.test"), queued("c@batch.test"));

        List<QueueEntry> after = agent().attempt(entries);

        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.accepted()).extracting(ScriptedMx.Accepted::recipients).containsExactly(
                List.of("<a@batch.test>"), List.of("<b@batch.test>"), List.of("<c@batch.test>"));
        // One greeting, four transactions, RSET only after the one that failed, QUIT at the end.
        assertThat(server.commands()).filteredOn(command -> command.startsWith("EHLO")).hasSize(1);
        assertThat(server.commands()).filteredOn(command -> command.startsWith("MAIL")).hasSize(4);
        assertThat(server.commands()).filteredOn("RSET"::equals).hasSize(1);
        assertThat(server.commands().getLast()).isEqualTo("QUIT");
        assertThat(state(after.get(0), "a@batch.test").status()).isEqualTo(RecipientStatus.DELIVERED);
        assertThat(state(after.get(1), "nobody@batch.test").status()).isEqualTo(RecipientStatus.BOUNCED);
        assertThat(state(after.get(2), "b@batch.test").status()).isEqualTo(RecipientStatus.DELIVERED);
        assertThat(state(after.get(2), "later@batch.test").status()).isEqualTo(RecipientStatus.DEFERRED);
        assertThat(state(after.get(3), "c@batch.test").status()).isEqualTo(RecipientStatus.DELIVERED);
        for (QueueEntry entry : after) {
            assertThat(queue.read(entry.id())).contains(entry);
        }
    }

    @Test
    void a421MidSessionSendsThatMessageToTheNextMxAndTheRestOverANewConnection() throws Exception {
        dns.mx("busy.test", 10, "mx1.busy.test").mx("busy.test", 20, "mx2.busy.test")
                .a("mx1.busy.test", "127.0.0.2").a("mx2.busy.test", "127.0.0.3");
        Map<Integer, AtomicInteger> mails = new ConcurrentHashMap<>();
        ScriptedMx first = mx("127.0.0.2", new ScriptedMx.Script() {
            @Override
            public String reply(int connection, String command) {
                if (command.startsWith("MAIL") && mails.computeIfAbsent(connection, c -> new AtomicInteger()).incrementAndGet() == 3) {
                    return "421 4.7.0 too many messages on one connection";
                }
                return ScriptedMx.Script.super.reply(connection, command);
            }
        });
        ScriptedMx second = mx("127.0.0.3", new ScriptedMx.Script() { });
        List<QueueEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            entries.add(queued("r" + i + "@busy.test"));
        }

        List<QueueEntry> after = agent().attempt(entries);

        assertThat(after).allMatch(QueueEntry::isDone)
                .allMatch(entry -> entry.recipients().getFirst().status() == RecipientStatus.DELIVERED);
        assertThat(first.accepted()).flatExtracting(ScriptedMx.Accepted::recipients)
                .containsExactly("<r1@busy.test>", "<r2@busy.test>", "<r4@busy.test>", "<r5@busy.test>");
        assertThat(first.connections()).isEqualTo(2);
        assertThat(second.accepted()).flatExtracting(ScriptedMx.Accepted::recipients).containsExactly("<r3@busy.test>");
        assertThat(state(after.get(2), "r3@busy.test").remoteHost()).contains("mx2.busy.test[127.0.0.3]");
    }

    @Test
    void aReusedConnectionTheServerClosedIsReplacedWithoutAFailure() throws Exception {
        dns.a("idle.test", "127.0.0.2");
        Map<Integer, AtomicInteger> mails = new ConcurrentHashMap<>();
        ScriptedMx server = mx("127.0.0.2", new ScriptedMx.Script() {
            @Override
            public String reply(int connection, String command) {
                if (command.startsWith("MAIL") && mails.computeIfAbsent(connection, c -> new AtomicInteger()).incrementAndGet() == 2) {
                    return null;   // gone without a word, as after an idle timeout
                }
                return ScriptedMx.Script.super.reply(connection, command);
            }
        });

        List<QueueEntry> after = agent().attempt(List.of(queued("a@idle.test"), queued("b@idle.test")));

        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.accepted()).flatExtracting(ScriptedMx.Accepted::recipients)
                .containsExactly("<a@idle.test>", "<b@idle.test>");
        assertThat(state(after.get(1), "b@idle.test").status()).isEqualTo(RecipientStatus.DELIVERED);
        assertThat(state(after.get(1), "b@idle.test").failures()).isZero();
    }

    @Test
    void anMxListNamingThisHostKeepsOnlyBetterHostsOrBounces() throws Exception {
        dns.mx("loop.test", 10, "relay.test").mx("loop.test", 20, "backup.loop.test").a("backup.loop.test", "127.0.0.2")
                .mx("backup.test", 10, "primary.backup.test").mx("backup.test", 20, "relay.test")
                .a("primary.backup.test", "127.0.0.3").a("relay.test", "127.0.0.9");
        mx("127.0.0.3", new ScriptedMx.Script() { });
        ScriptedMx worse = mx("127.0.0.2", new ScriptedMx.Script() { });

        Route loop = dns.resolver("relay.test").route("loop.test");
        Route backup = dns.resolver("relay.test").route("backup.test");

        assertThat(loop).isEqualTo(new Route.Failure(RecipientStatus.BOUNCED, dev.mailroom.delivery.Diagnostics.LOOPS_BACK));
        assertThat(backup).isInstanceOfSatisfying(Route.Hosts.class,
                hosts -> assertThat(hosts.hosts()).extracting(Route.Host::name).containsExactly("primary.backup.test"));
        assertThat(worse.connections()).isZero();
    }
}
