package dev.mailroom.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.protocol.Mailbox;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessListsTest {

    @Test
    void networksMatchTheirBlockAndNothingElse() throws Exception {
        Network v4 = Network.parse("192.0.2.0/24");
        assertThat(v4.contains(InetAddress.getByName("192.0.2.255"))).isTrue();
        assertThat(v4.contains(InetAddress.getByName("192.0.3.0"))).isFalse();
        assertThat(v4.contains(InetAddress.getByName("::ffff:c000:201"))).as("mapped addresses are IPv4").isTrue();
        Network v6 = Network.parse("2001:db8::/33");
        assertThat(v6.contains(InetAddress.getByName("2001:db8:7fff::1"))).isTrue();
        assertThat(v6.contains(InetAddress.getByName("2001:db8:8000::1"))).isFalse();
        assertThat(v6.contains(InetAddress.getByName("192.0.2.1"))).isFalse();
        assertThat(Network.parse("127.0.0.2").contains(InetAddress.getByName("127.0.0.3"))).isFalse();
        assertThat(Network.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
    }

    @Test
    void aNetworkIsALiteralNeverAName() {
        assertThatThrownBy(() -> Network.parse("example.com/24")).hasMessageContaining("expected a network");
        assertThatThrownBy(() -> Network.parse("192.0.2.0/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Network.parse("192.0.2.0/x")).hasMessageContaining("prefix");
    }

    @Test
    void senderDomainsCoverTheirSubdomainsInAnyCase() {
        AccessLists lists = new AccessLists(List.of(), List.of(), List.of("Partner.Test"), List.of("spam.test."));
        assertThat(lists.allowsSender(new Mailbox("a", "mail.partner.test"))).isTrue();
        assertThat(lists.allowsSender(new Mailbox("a", "notpartner.test"))).isFalse();
        assertThat(lists.deniesSender(new Mailbox("a", "SPAM.test"))).isTrue();
        assertThat(lists.deniesSender(new Mailbox("postmaster", ""))).isFalse();
    }
}
