package dev.mailroom.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.SimpleResolver;

/** RFC 5782 lookups against a DNS server on loopback. */
class DnsBlocklistTest {

    @Test
    void aListedIpv4ClientGetsTheListsReasonAndOthersAreNotListed() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer()
                .listed("99.2.0.192.bl.test", "Listed for spam, see https://bl.test/192.0.2.99")) {
            DnsBlocklist list = new DnsBlocklist("bl.test", dns.resolver(), Duration.ofSeconds(2));
            assertThat(list.lookup(InetAddress.getByName("192.0.2.99"))).contains("Listed for spam, see https://bl.test/192.0.2.99");
            assertThat(list.lookup(InetAddress.getByName("192.0.2.98"))).isEmpty();
            assertThat(list.name()).isEqualTo("bl.test");
        }
    }

    @Test
    void ipv6ClientsAreLookedUpByReversedNibbles() throws Exception {
        InetAddress client = InetAddress.getByName("2001:db8::1");
        assertThat(DnsBlocklist.reversed(client))
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2");
        try (LoopbackDnsServer dns = new LoopbackDnsServer().listed(DnsBlocklist.reversed(client) + ".bl.test", "v6 spam")) {
            assertThat(new DnsBlocklist("bl.test", dns.resolver(), Duration.ofSeconds(2)).lookup(client)).contains("v6 spam");
        }
    }

    @Test
    void aBlocklistThatDoesNotAnswerCountsAsNotListed() throws Exception {
        LoopbackDnsServer dns = new LoopbackDnsServer();
        var address = dns.address();
        dns.close();   // nothing listens on that port any more
        DnsBlocklist list = new DnsBlocklist("bl.test", new SimpleResolver(address), Duration.ofMillis(300));
        assertThat(list.lookup(InetAddress.getByName("192.0.2.99"))).isEmpty();
    }
}
