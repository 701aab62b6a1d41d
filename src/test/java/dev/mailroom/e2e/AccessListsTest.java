package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.policy.LoopbackDnsServer;
import dev.mailroom.policy.Network;
import dev.mailroom.reply.Replies;
import dev.mailroom.server.MailroomServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allow and deny lists and a DNS blocklist over loopback, the blocklist served by a DNS server on loopback:
 * 127.0.0.2 is listed, 127.0.0.3 is not, 127.0.0.4 is denied, 127.0.0.5 is allowed.
 */
class AccessListsTest {
    private static final String REASON = "Listed for abuse, see https://bl.test/127.0.0.2";

    @TempDir
    Path data;
    private LoopbackDnsServer dns;
    private MailroomServer server;

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDnsServer().listed("2.0.0.127.bl.test", REASON);
        var builder = MailroomServer.builder().listen("127.0.0.1", 0).domain("example.test").dataDirectory(data)
                .hostname("mx.example.test");
        builder.protect().dnsbl(List.of("bl.test")).dnsblResolver(dns.address())
                .denyNetworks(List.of(Network.parse("127.0.0.4"))).allowNetworks(List.of(Network.parse("127.0.0.5/32")))
                .connectionRate(1).greylist(true);
        server = builder.build().start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        dns.close();
    }

    private String mail(String from) throws Exception {
        try (RawSmtpClient client = RawSmtpClient.connectFrom(from, server.port())) {
            assertThat(client.reply()).startsWith("220 ");
            client.command("EHLO client.test");
            String reply = client.command("MAIL FROM:<alice@sender.test>");
            if (reply.startsWith("250 ")) {
                reply = client.command("RCPT TO:<bob@example.test>");
            }
            return reply;
        }
    }

    @Test
    void aBlocklistedClientGets554WithTheListsReason() throws Exception {
        assertThat(mail("127.0.0.2")).isEqualTo(Replies.CLIENT_BLOCKLISTED_554.with("127.0.0.2", "bl.test", REASON).wire());
        assertThat(mail("127.0.0.3")).as("not listed: greylisted as usual").startsWith("451 4.7.1 Greylisted");
        assertThat(dns.queries()).isGreaterThanOrEqualTo(3);   // A and TXT for .2, A for .3
    }

    @Test
    void aDeniedNetworkGets554AndAnAllowedOneSkipsRatesAndGreylisting() throws Exception {
        assertThat(mail("127.0.0.4")).isEqualTo(Replies.CLIENT_DENIED_554.with("127.0.0.4").wire());
        for (int i = 0; i < 3; i++) {
            assertThat(mail("127.0.0.5")).as("connection %d from an allowed network", i + 1).startsWith("250 ");
        }
    }
}
