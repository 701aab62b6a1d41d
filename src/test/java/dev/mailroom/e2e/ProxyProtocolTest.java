package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.policy.Network;
import dev.mailroom.reply.Replies;
import dev.mailroom.testkit.MailroomExtension;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PROXY protocol over loopback: 127.0.0.10 is the trusted load balancer; the real clients it names meet the
 * deny list (192.0.2.0/24 is denied). A PROXY line from anyone else is just an unknown command.
 */
class ProxyProtocolTest {

    @RegisterExtension
    final MailroomExtension mailroom = MailroomExtension.create(builder -> builder.domain("example.test").protect()
            .proxyProtocol(true).proxyNetworks(List.of(Network.parse("127.0.0.10/32")))
            .denyNetworks(List.of(Network.parse("192.0.2.0/24"))));

    private String mailFrom(RawSmtpClient client) throws Exception {
        assertThat(client.reply()).startsWith("220 ");
        client.command("EHLO client.test");
        return client.command("MAIL FROM:<alice@sender.test>");
    }

    @Test
    void aV1HeaderFromTheProxyNamesTheRealClient() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.10", mailroom.port())) {
            client.send("PROXY TCP4 192.0.2.1 127.0.0.1 40000 25\r\n");
            assertThat(mailFrom(client)).isEqualTo(Replies.CLIENT_DENIED_554.with("192.0.2.1").wire());
        }
        try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.10", mailroom.port())) {
            client.send("PROXY TCP4 198.51.100.1 127.0.0.1 40000 25\r\n");
            assertThat(mailFrom(client)).startsWith("250 ");
        }
    }

    @Test
    void aV2HeaderFromTheProxyNamesTheRealClient() throws Exception {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11, 0, 12});
        header.write(InetAddress.getByName("192.0.2.200").getAddress());
        header.write(InetAddress.getByName("127.0.0.1").getAddress());
        header.write(new byte[] {0x10, 0x00, 0x00, 25});
        try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.10", mailroom.port())) {
            client.send(header.toByteArray());
            assertThat(mailFrom(client)).isEqualTo(Replies.CLIENT_DENIED_554.with("192.0.2.200").wire());
        }
    }

    @Test
    void aProxyThatSendsNoHeaderIsDroppedAndOthersCannotSpoofOne() throws Exception {
        try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.10", mailroom.port())) {
            client.send("EHLO not-a-proxy-header\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawSmtpClient client = RawSmtpClient.connectFrom("127.0.0.11", mailroom.port())) {
            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.command("PROXY TCP4 198.51.100.1 127.0.0.1 40000 25"))
                    .isEqualTo(Replies.COMMAND_UNRECOGNIZED_500.wire());
        }
    }
}
