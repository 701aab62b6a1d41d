package dev.mailroom.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientKeyTest {

    private static ClientKey key(String address, int prefix) throws Exception {
        return ClientKey.of(InetAddress.getByName(address), prefix);
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareAKeyByDefault() throws Exception {
        assertThat(key("2001:db8:1:2::1", 64)).isEqualTo(key("2001:db8:1:2:ffff:eeee:dddd:cccc", 64));
        assertThat(key("2001:db8:1:2::1", 64)).isNotEqualTo(key("2001:db8:1:3::1", 64));
    }

    @Test
    void theIpv6PrefixIsConfigurable() throws Exception {
        assertThat(key("2001:db8:1:2::1", 48)).isEqualTo(key("2001:db8:1:3::1", 48));
        assertThat(key("2001:db8::1", 128)).isNotEqualTo(key("2001:db8::2", 128));
        assertThat(key("2001:db8::1:0:0:1", 96)).isEqualTo(key("2001:db8::1:0:0:2", 96));
    }

    @Test
    void ipv4AddressesAreCountedOneByOneAndNeverMeetIpv6Keys() throws Exception {
        assertThat(key("127.0.0.2", 64)).isNotEqualTo(key("127.0.0.3", 64));
        assertThat(key("127.0.0.2", 64)).isEqualTo(key("127.0.0.2", 8));
        assertThat(key("0.0.0.1", 64)).isNotEqualTo(key("::1", 128));
    }
}
