package dev.mailroom.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.protocol.Admission;
import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.SessionPolicy;
import dev.mailroom.reply.Replies;
import dev.mailroom.reply.Reply;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
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

    @Test
    void deniedNetworksAndSenderDomainsGet554AtMail() throws Exception {
        ClientProtection protection = protection(ProtectConfig.builder()
                .denyNetworks(List.of(Network.parse("192.0.2.0/24"))).denySenderDomains(List.of("spam.test")));
        SessionPolicy denied = protection.policyFor(InetAddress.getByName("192.0.2.7"), SessionPolicy.ACCEPT_ALL);
        assertThat(denied.checkSender(Optional.empty())).contains(Replies.CLIENT_DENIED_554.with("192.0.2.7"));
        SessionPolicy other = protection.policyFor(InetAddress.getByName("198.51.100.7"), SessionPolicy.ACCEPT_ALL);
        Mailbox spammer = new Mailbox("x", "mail.spam.test");
        assertThat(other.checkSender(Optional.of(spammer))).contains(Replies.SENDER_DENIED_554.with(spammer));
        assertThat(other.checkSender(Optional.of(new Mailbox("a", "ham.test")))).isEmpty();
    }

    @Test
    void aBlocklistedClientGets554WithTheListsReasonAskedOncePerConnection() throws Exception {
        int[] asked = {0};
        Blocklist list = new Blocklist() {
            @Override
            public String name() {
                return "bl.test";
            }

            @Override
            public Optional<String> lookup(InetAddress client) {
                asked[0]++;
                return client.getHostAddress().equals("192.0.2.99") ? Optional.of("spam source") : Optional.empty();
            }
        };
        ClientProtection protection = new ClientProtection(
                ProtectConfig.builder().allowSenderDomains(List.of("partner.test")).build(), now::get, Optional.empty(), List.of(list));
        SessionPolicy listed = protection.policyFor(InetAddress.getByName("192.0.2.99"), SessionPolicy.ACCEPT_ALL);
        assertThat(listed.checkSender(Optional.of(new Mailbox("partner", "partner.test")))).as("allowed sender domain").isEmpty();
        assertThat(asked[0]).isZero();
        Reply refusal = Replies.CLIENT_BLOCKLISTED_554.with("192.0.2.99", "bl.test", "spam source");
        assertThat(listed.checkSender(Optional.empty())).contains(refusal);
        assertThat(listed.checkSender(Optional.empty())).contains(refusal);
        assertThat(asked[0]).isEqualTo(1);
        SessionPolicy clean = protection.policyFor(InetAddress.getByName("192.0.2.98"), SessionPolicy.ACCEPT_ALL);
        assertThat(clean.checkSender(Optional.empty())).isEmpty();
    }

    @Test
    void anAllowedNetworkSkipsRatesListsAndGreylisting() throws Exception {
        MutableClock clock = new MutableClock();
        Greylist greylist = new Greylist(Greylist.Settings.DEFAULTS, GreylistStore.NONE, clock);
        ClientProtection protection = new ClientProtection(ProtectConfig.builder().connectionRate(1).messageRate(1)
                .greylist(true).allowNetworks(List.of(Network.parse("192.0.2.0/28")))
                .denyNetworks(List.of(Network.parse("192.0.2.0/24"))).build(), now::get, Optional.of(greylist), List.of());
        InetAddress trusted = InetAddress.getByName("192.0.2.3");
        for (int i = 0; i < 3; i++) {
            assertThat(protection.admit(trusted)).isEqualTo(Admission.ACCEPTED);
        }
        assertThat(protection.policyFor(trusted, SessionPolicy.ACCEPT_ALL)).isSameAs(SessionPolicy.ACCEPT_ALL);

        InetAddress stranger = InetAddress.getByName("198.51.100.1");
        SessionPolicy policy = protection.policyFor(stranger, SessionPolicy.ACCEPT_ALL);
        assertThat(policy.checkSender(Optional.of(new Mailbox("a", "sender.test")))).isEmpty();
        assertThat(policy.checkRecipient(new Mailbox("bob", "example.test")))
                .contains(Replies.GREYLISTED_451.with(300));
    }

    @Test
    void anAuthenticatedClientSkipsListsAndGreylistingAndTheSiteStillSeesItsUser() throws Exception {
        MutableClock clock = new MutableClock();
        Greylist greylist = new Greylist(Greylist.Settings.DEFAULTS, GreylistStore.NONE, clock);
        ClientProtection protection = new ClientProtection(ProtectConfig.builder().greylist(true)
                .denyNetworks(List.of(Network.parse("192.0.2.0/24"))).build(), now::get, Optional.of(greylist), List.of(),
                () -> Optional.empty(), "mx.example.test");
        List<Optional<String>> usersSeen = new java.util.ArrayList<>();
        SessionPolicy site = new SessionPolicy() {
            @Override
            public Optional<Reply> checkSender(Optional<Mailbox> sender) {
                return checkSender(sender, Optional.empty());
            }

            @Override
            public Optional<Reply> checkRecipient(Mailbox recipient) {
                return checkRecipient(recipient, Optional.empty());
            }

            @Override
            public Optional<Reply> checkSender(Optional<Mailbox> sender, Optional<String> user) {
                usersSeen.add(user);
                return Optional.empty();
            }

            @Override
            public Optional<Reply> checkRecipient(Mailbox recipient, Optional<String> user) {
                usersSeen.add(user);
                return Optional.empty();
            }
        };
        SessionPolicy policy = protection.policyFor(InetAddress.getByName("192.0.2.7"), site);
        Mailbox alice = new Mailbox("alice", "example.test");
        assertThat(policy.checkSender(Optional.of(alice), Optional.empty())).contains(Replies.CLIENT_DENIED_554.with("192.0.2.7"));
        assertThat(policy.checkSender(Optional.of(alice), Optional.of("alice"))).isEmpty();
        assertThat(policy.checkRecipient(new Mailbox("carol", "elsewhere.test"), Optional.of("alice"))).isEmpty();
        assertThat(usersSeen).containsExactly(Optional.of("alice"), Optional.of("alice"));
        assertThat(greylist.size()).isZero();
    }

    @Test
    void aClientThatKeepsGoingPastItsRateRefusalsGets421() throws Exception {
        ClientProtection protection = new ClientProtection(ProtectConfig.builder().messageRate(1).rateRefusals(2).build(),
                now::get, Optional.empty(), List.of(), ResourceGuard.NONE, "mx.example.test");
        SessionPolicy policy = protection.policyFor(InetAddress.getByName("192.0.2.7"), SessionPolicy.ACCEPT_ALL);
        assertThat(policy.checkSender(Optional.empty())).isEmpty();
        assertThat(policy.checkSender(Optional.empty())).contains(Replies.MESSAGE_RATE_451);
        assertThat(policy.checkSender(Optional.empty())).contains(Replies.MESSAGE_RATE_451);
        Reply closing = policy.checkSender(Optional.empty()).orElseThrow();
        assertThat(closing).isEqualTo(Replies.RATE_ABUSE_421.with("mx.example.test"));
        assertThat(closing.closesChannel()).isTrue();
    }
}
