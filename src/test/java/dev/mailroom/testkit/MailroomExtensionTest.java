package dev.mailroom.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mailroom.e2e.AngusClient;
import dev.mailroom.server.ReceivedMessage;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

class MailroomExtensionTest {
    @RegisterExtension
    static final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test"));

    @Test
    void collectsWhatAnAngusMailClientSends() throws Exception {
        assertThat(mailroom.messages()).isEmpty();
        AngusClient client = AngusClient.forPort(mailroom.port());

        client.send(client.message("alice@sender.test", "Hi Bob", "Hello Bob\r\n", "bob@example.test"));

        List<ReceivedMessage> messages = mailroom.awaitMessages(1);
        assertThat(mailroom.host()).isEqualTo("127.0.0.1");
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.sender()).isEqualTo("alice@sender.test");
            assertThat(message.recipients()).containsExactly("bob@example.test");
            assertThat(message.content()).contains("Subject: Hi Bob\r\n").endsWith("\r\n\r\nHello Bob\r\n");
            assertThat(message.files().getFirst()).startsWith(mailroom.server().config().dataDirectory());
        });
        assertThat(mailroom.messages()).isEqualTo(messages);
    }

    @Test
    void aStaticFieldRunsOneServerForTheClassAndCleansUpAfterIt() throws Exception {
        StaticFieldExample.seen.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(StaticFieldExample.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(StaticFieldExample.seen).hasSize(2);
        assertThat(StaticFieldExample.seen.get(1)).isEqualTo(StaticFieldExample.seen.get(0));
        assertStoppedAndDeleted(StaticFieldExample.seen.getFirst());
    }

    @Test
    void anInstanceFieldRunsAServerPerTestAndCleansUpAfterEach() throws Exception {
        InstanceFieldExample.seen.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(InstanceFieldExample.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(InstanceFieldExample.seen).hasSize(2);
        assertThat(InstanceFieldExample.seen.get(1).dataDirectory()).isNotEqualTo(InstanceFieldExample.seen.get(0).dataDirectory());
        for (Server server : InstanceFieldExample.seen) {
            assertStoppedAndDeleted(server);
        }
    }

    /** What an example test saw of its server while it ran. */
    record Server(int port, Path dataDirectory) {
        static Server of(MailroomExtension mailroom) {
            Path dataDirectory = mailroom.server().config().dataDirectory();
            assertThat(dataDirectory).isDirectory();
            return new Server(mailroom.port(), dataDirectory);
        }
    }

    private static void assertStoppedAndDeleted(Server server) {
        assertThat(server.dataDirectory()).doesNotExist();
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(ConnectException.class);
    }

    /** Run by the tests above through the JUnit engine (Surefire skips nested classes). */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StaticFieldExample {
        static final List<Server> seen = new CopyOnWriteArrayList<>();

        @RegisterExtension
        static final MailroomExtension mailroom = MailroomExtension.create();

        @Test
        @Order(1)
        void receivesAMessage() throws Exception {
            seen.add(Server.of(mailroom));
            AngusClient client = AngusClient.forPort(mailroom.port());
            client.send(client.message("alice@sender.test", "First", "first\r\n", "bob@localhost"));
            assertThat(mailroom.awaitMessages(1)).hasSize(1);
        }

        @Test
        @Order(2)
        void startsWithNoMessagesFromTheTestBefore() {
            seen.add(Server.of(mailroom));
            assertThat(mailroom.messages()).isEmpty();
        }
    }

    /** Run by the tests above through the JUnit engine (Surefire skips nested classes). */
    static class InstanceFieldExample {
        static final List<Server> seen = new CopyOnWriteArrayList<>();

        @RegisterExtension
        final MailroomExtension mailroom = MailroomExtension.create();

        @Test
        void one() {
            seen.add(Server.of(mailroom));
        }

        @Test
        void two() {
            seen.add(Server.of(mailroom));
        }
    }
}
