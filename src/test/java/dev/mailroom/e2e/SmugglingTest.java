package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.Replies;
import dev.mailroom.server.ReceivedMessage;
import dev.mailroom.testkit.MailroomExtension;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMTP smuggling (CVE-2023-51764/5/6): a body that ends with a fake end-of-data made of bare LF or CR, then
 * a second, forged transaction. Only CRLF.CRLF ends the data, and the whole message is refused: never
 * split into two, never half-stored.
 */
class SmugglingTest {
    @RegisterExtension
    final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test"));

    static Stream<Named<String>> fakeEndsOfData() {
        return Stream.of(Named.of("LF . LF", "\n.\n"), Named.of("CRLF . LF", "\r\n.\n"),
                Named.of("LF . CRLF", "\n.\r\n"), Named.of("CR . CR", "\r.\r"), Named.of("CRLF . CR", "\r\n.\r"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fakeEndsOfData")
    void aSmuggledSecondMessageIsRefusedWholeAndTheSessionGoesOn(String fakeEnd) throws Exception {
        try (RawSmtpClient client = RawSmtpClient.session(mailroom.port())) {
            client.startData("alice@sender.test", "bob@example.test");
            client.send("From: alice@sender.test\r\nSubject: real\r\n\r\nHello" + fakeEnd
                    + "MAIL FROM:<ceo@example.test>\r\nRCPT TO:<victim@example.test>\r\nDATA\r\n"
                    + "From: ceo@example.test\r\nSubject: smuggled\r\n\r\nPay the invoice\r\n.\r\n");

            assertThat(client.reply()).isEqualTo(Replies.BARE_LINE_ENDING_550.wire());
            assertThat(MaildirFiles.all(mailroom.server())).isEmpty();
            // Exactly one reply came: had the forged MAIL, RCPT or DATA been run, their replies would be next.
            assertThat(client.command("NOOP")).isEqualTo(Replies.OK_250.wire());
            assertThat(mailroom.messages()).isEmpty();

            client.startData("alice@sender.test", "bob@example.test").send("Subject: proper\r\n\r\nfine\r\n.\r\n");
            String queued = client.reply();
            ReceivedMessage message = mailroom.awaitMessages(1).getFirst();
            assertThat(queued).isEqualTo(Replies.QUEUED_250.with(message.id()).wire());
            assertThat(message.content()).isEqualTo("Subject: proper\r\n\r\nfine\r\n");
            assertThat(MaildirFiles.all(mailroom.server())).containsExactlyElementsOf(message.files());
        }
    }
}
