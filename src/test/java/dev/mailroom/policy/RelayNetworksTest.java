package dev.mailroom.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.protocol.Mailbox;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelayNetworksTest {
    private final RelayNetworks networks = RelayNetworks.of(List.of("192.0.2.0/24", "10.1.2.3", "2001:db8::/32"));

    @Test
    void addressesInsideAndOutside() {
        assertThat(networks.contains("192.0.2.77")).isTrue();
        assertThat(networks.contains("192.0.3.1")).isFalse();
        assertThat(networks.contains("10.1.2.3")).isTrue();
        assertThat(networks.contains("10.1.2.4")).isFalse();
        assertThat(networks.contains("2001:db8:1::5")).isTrue();
        assertThat(networks.contains("2001:db9::5")).isFalse();
        assertThat(networks.contains("not-an-address")).isFalse();
        assertThat(RelayNetworks.NONE.contains("127.0.0.1")).isFalse();
    }

    @Test
    void badNetworksAreRefused() {
        assertThatThrownBy(() -> RelayNetworks.check("10.0.0.0/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> RelayNetworks.check("example.com/8")).hasMessageContaining("expected a network");
        assertThatThrownBy(() -> RelayNetworks.check("10.0.0.0/x")).hasMessageContaining("bad prefix");
    }

    @Test
    void onlyARelayClientMaySendToOtherDomains() {
        SitePolicy site = new SitePolicy(Set.of("example.test"), () -> true, networks);
        Mailbox remote = new Mailbox("bob", "remote.test");

        assertThat(site.forClient("198.51.100.1").checkRecipient(remote)).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(554));
        assertThat(site.forClient("192.0.2.9").checkRecipient(remote)).isEmpty();
        assertThat(site.forClient("198.51.100.1").checkRecipient(new Mailbox("a", "EXAMPLE.test"))).isEmpty();
    }
}
