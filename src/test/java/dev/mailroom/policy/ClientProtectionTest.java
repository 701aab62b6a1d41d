package dev.mailroom.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.protocol.Admission;
import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.SessionPolicy;
import dev.mailroom.reply.Replies;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-client limits as pure decisions, with a controllable clock. */
class ClientProtectionTest {
    private final AtomicLong now = new AtomicLong();

    private ClientProtection protection(ProtectConfig.Builder config) {
        return new ClientProtection(config.build(), now::get);
    }

    private static ClientKey key(ClientProtection protection, String address) throws Exception {
        return protection.keyOf(InetAddress.getByName(address));
    }

    @Test
    void connectionsOverTheRateAreRefusedAtTheGreetingAndAllowedAgainLater() throws Exception {
        ClientProtection protection = protection(ProtectConfig.builder().connectionRate(2));
        ClientKey client = key(protection, "192.0.2.7");
        assertThat(protection.admit(client)).isEqualTo(Admission.ACCEPTED);
        assertThat(protection.admit(client)).isEqualTo(Admission.ACCEPTED);
        assertThat(protection.admit(client)).isEqualTo(Admission.CONNECTION_RATE);
        assertThat(protection.admit(key(protection, "192.0.2.8"))).isEqualTo(Admission.ACCEPTED);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(protection.admit(client)).isEqualTo(Admission.ACCEPTED);
    }

    @Test
    void anIpv6NetworkSharesOneRate() throws Exception {
        ClientProtection protection = protection(ProtectConfig.builder().connectionRate(1));
        assertThat(protection.admit(key(protection, "2001:db8:0:1::a"))).isEqualTo(Admission.ACCEPTED);
        assertThat(protection.admit(key(protection, "2001:db8:0:1::b"))).isEqualTo(Admission.CONNECTION_RATE);
        assertThat(protection.admit(key(protection, "2001:db8:0:2::a"))).isEqualTo(Admission.ACCEPTED);
    }

    @Test
    void messagesAndRecipientsOverTheirRatesGet451() throws Exception {
        ClientProtection protection = protection(ProtectConfig.builder().messageRate(1).recipientRate(2));
        SessionPolicy policy = protection.policyFor(InetAddress.getByName("192.0.2.7"), SessionPolicy.ACCEPT_ALL);
        Mailbox bob = new Mailbox("bob", "example.test");
        assertThat(policy.checkSender(Optional.empty())).isEmpty();
        assertThat(policy.checkSender(Optional.empty())).contains(Replies.MESSAGE_RATE_451);
        assertThat(policy.checkRecipient(bob)).isEmpty();
        assertThat(policy.checkRecipient(bob)).isEmpty();
        assertThat(policy.checkRecipient(bob)).contains(Replies.RECIPIENT_RATE_451);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(policy.checkSender(Optional.empty())).isEmpty();
    }

    @Test
    void aSpentFailureBudgetRefusesTheClientUntilItRefills() throws Exception {
        ClientProtection protection = protection(ProtectConfig.builder().failureBudget(3));
        ClientKey client = key(protection, "192.0.2.7");
        for (int i = 0; i < 3; i++) {
            assertThat(protection.admit(client)).isEqualTo(Admission.ACCEPTED);
            protection.failed(client);
        }
        assertThat(protection.admit(client)).isEqualTo(Admission.TOO_MANY_ERRORS_FROM_CLIENT);
        now.addAndGet(Duration.ofMinutes(20).toNanos());
        assertThat(protection.admit(client)).isEqualTo(Admission.ACCEPTED);
    }

    @Test
    void withEverythingOffTheSitePolicyIsUsedAsIs() throws Exception {
        ClientProtection protection = protection(ProtectConfig.builder());
        assertThat(protection.policyFor(InetAddress.getByName("192.0.2.7"), SessionPolicy.ACCEPT_ALL)).isSameAs(SessionPolicy.ACCEPT_ALL);
        assertThat(protection.footprintBytes()).isZero();
    }
}
