package dev.mailroom.policy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The abuse controls of {@code [protect]} (docs/protect.md). A count of 0 turns its control off.
 *
 * @param ipv6Prefix     IPv6 clients are counted per network of this many bits (an IPv4 client per address)
 * @param rateClients    clients each rate table remembers at once (its memory is fixed by this)
 * @param connectionRate connections per minute from one client; more get 421 4.7.0 at the greeting
 * @param messageRate    MAIL commands per minute from one client; more get 451 4.7.1
 * @param recipientRate  RCPT commands per minute from one client; more get 451 4.7.1
 * @param rateRefusals   451s for rates in one session after which the next command over a rate gets 421 4.7.0
 * @param failureBudget  5xx replies per hour one client may earn; once spent, its connections get 421 4.7.0
 * @param tarpitAfter    5xx replies in a session after which every reply is delayed by {@code tarpitDelay}
 * @param tarpitDelay    the delay before each reply once the tarpit is on
 * @param greetDelay     how long to wait before the greeting; a client that talks first gets 521 5.5.1
 * @param greylist       whether unknown triplets get 451 4.7.1 at RCPT (RFC 6647)
 * @param greylisting    the greylist's delay, expiry, pass lifetime and size
 * @param lists          allow and deny lists by client network and sender domain
 * @param dnsbl          DNS blocklist zones asked about each client at its first MAIL
 * @param dnsblResolver  the DNS server to ask, else the system's resolvers
 * @param dnsblTimeout   how long to wait for a blocklist's answer (then the client counts as not listed)
 * @param proxyProtocol  connections from {@code proxyNetworks} start with a PROXY header naming the real client
 * @param proxyNetworks  the load balancers trusted to send PROXY headers
 * @param overloadMemory heap in use after GC, in percent of the maximum, above which the server is overloaded
 * @param overloadFiles  open file descriptors, in percent of the limit, above which the server is overloaded
 */
public record ProtectConfig(int ipv6Prefix, int rateClients, int connectionRate, int messageRate, int recipientRate,
                            int rateRefusals, int failureBudget, int tarpitAfter, Duration tarpitDelay, Duration greetDelay,
                            boolean greylist, Greylist.Settings greylisting, AccessLists lists, List<String> dnsbl,
                            Optional<InetSocketAddress> dnsblResolver, Duration dnsblTimeout, boolean proxyProtocol,
                            List<Network> proxyNetworks, int overloadMemory, int overloadFiles) {
    public static final int DEFAULT_IPV6_PREFIX = 64;
    public static final int DEFAULT_RATE_CLIENTS = 65_536;

    /** Everything off but the tarpit (after 10 errors, 1 s per reply, as Postfix's soft error limit). */
    public static final ProtectConfig DEFAULTS = builder().build();

    public ProtectConfig {
        dnsbl = List.copyOf(dnsbl);
        proxyNetworks = List.copyOf(proxyNetworks);
        if (overloadMemory < 0 || overloadMemory > 100 || overloadFiles < 0 || overloadFiles > 100) {
            throw new IllegalArgumentException("overload thresholds are percentages from 0 (off) to 100");
        }
        if (proxyProtocol && proxyNetworks.isEmpty()) {
            throw new IllegalArgumentException("proxy-protocol needs proxy-networks: the proxies trusted to name clients");
        }
        if (!dnsblTimeout.isPositive()) {
            throw new IllegalArgumentException("dnsbl-timeout must be positive");
        }
        if (ipv6Prefix < 1 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("ipv6-prefix must be from 1 to 128");
        }
        if (rateClients < 1 || rateRefusals < 0 || connectionRate < 0 || messageRate < 0 || recipientRate < 0 || failureBudget < 0
                || tarpitAfter < 0) {
            throw new IllegalArgumentException("protect limits must not be negative");
        }
        if (tarpitDelay.isNegative() || greetDelay.isNegative()) {
            throw new IllegalArgumentException("protect delays must not be negative");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The greeting delay, if there is one. */
    public Optional<Duration> greetDelayIfAny() {
        return greetDelay.isZero() ? Optional.empty() : Optional.of(greetDelay);
    }

    /** Mutable, for {@code ServerBuilder} and the configuration keys; {@link #build()} checks the values. */
    public static final class Builder {
        private int ipv6Prefix = DEFAULT_IPV6_PREFIX;
        private int rateClients = DEFAULT_RATE_CLIENTS;
        private int connectionRate;
        private int messageRate;
        private int recipientRate;
        private int failureBudget;
        private int rateRefusals = 10;
        private int tarpitAfter = 10;
        private Duration tarpitDelay = Duration.ofSeconds(1);
        private Duration greetDelay = Duration.ZERO;
        private boolean greylist;
        private Duration greylistDelay = Greylist.Settings.DEFAULTS.delay();
        private Duration greylistExpiry = Greylist.Settings.DEFAULTS.expiry();
        private Duration greylistPassLifetime = Greylist.Settings.DEFAULTS.passLifetime();
        private int greylistMaxEntries = Greylist.Settings.DEFAULTS.maxEntries();
        private final List<Network> allowNetworks = new ArrayList<>();
        private final List<Network> denyNetworks = new ArrayList<>();
        private final List<String> allowSenderDomains = new ArrayList<>();
        private final List<String> denySenderDomains = new ArrayList<>();
        private final List<String> dnsbl = new ArrayList<>();
        private InetSocketAddress dnsblResolver;
        private Duration dnsblTimeout = Duration.ofSeconds(2);
        private boolean proxyProtocol;
        private final List<Network> proxyNetworks = new ArrayList<>();
        private int overloadMemory = 90;
        private int overloadFiles = 90;

        private Builder() {
        }

        public Builder ipv6Prefix(int bits) {
            this.ipv6Prefix = bits;
            return this;
        }

        public Builder rateClients(int count) {
            this.rateClients = count;
            return this;
        }

        public Builder connectionRate(int perMinute) {
            this.connectionRate = perMinute;
            return this;
        }

        public Builder messageRate(int perMinute) {
            this.messageRate = perMinute;
            return this;
        }

        public Builder recipientRate(int perMinute) {
            this.recipientRate = perMinute;
            return this;
        }

        /** 0: never close, answer 451 to every command over a rate. */
        public Builder rateRefusals(int count) {
            this.rateRefusals = count;
            return this;
        }

        public Builder failureBudget(int perHour) {
            this.failureBudget = perHour;
            return this;
        }

        /** 0 turns the tarpit off. */
        public Builder tarpitAfter(int errors) {
            this.tarpitAfter = errors;
            return this;
        }

        public Builder tarpitDelay(Duration delay) {
            this.tarpitDelay = delay;
            return this;
        }

        public Builder greetDelay(Duration delay) {
            this.greetDelay = delay;
            return this;
        }

        public Builder greylist(boolean on) {
            this.greylist = on;
            return this;
        }

        public Builder greylistDelay(Duration delay) {
            this.greylistDelay = delay;
            return this;
        }

        public Builder greylistExpiry(Duration expiry) {
            this.greylistExpiry = expiry;
            return this;
        }

        public Builder greylistPassLifetime(Duration lifetime) {
            this.greylistPassLifetime = lifetime;
            return this;
        }

        public Builder greylistMaxEntries(int count) {
            this.greylistMaxEntries = count;
            return this;
        }

        /** Adds networks whose clients skip every check here (rates, lists, blocklists, greylisting). */
        public Builder allowNetworks(List<Network> networks) {
            allowNetworks.addAll(networks);
            return this;
        }

        /** Adds networks whose clients get 554 5.7.1 at MAIL. */
        public Builder denyNetworks(List<Network> networks) {
            denyNetworks.addAll(networks);
            return this;
        }

        /** Adds sender domains (with their subdomains) that skip the blocklists and greylisting. */
        public Builder allowSenderDomains(List<String> domains) {
            allowSenderDomains.addAll(domains);
            return this;
        }

        /** Adds sender domains (with their subdomains) refused with 554 5.7.1 at MAIL. */
        public Builder denySenderDomains(List<String> domains) {
            denySenderDomains.addAll(domains);
            return this;
        }

        /** Adds DNS blocklist zones. */
        public Builder dnsbl(List<String> zones) {
            dnsbl.addAll(zones);
            return this;
        }

        public Builder dnsblResolver(InetSocketAddress server) {
            this.dnsblResolver = server;
            return this;
        }

        public Builder dnsblTimeout(Duration timeout) {
            this.dnsblTimeout = timeout;
            return this;
        }

        public Builder proxyProtocol(boolean on) {
            this.proxyProtocol = on;
            return this;
        }

        /** Adds networks of proxies trusted to send PROXY headers. */
        public Builder proxyNetworks(List<Network> networks) {
            proxyNetworks.addAll(networks);
            return this;
        }

        /** 0 stops watching the heap. */
        public Builder overloadMemory(int percent) {
            this.overloadMemory = percent;
            return this;
        }

        /** 0 stops watching file descriptors. */
        public Builder overloadFiles(int percent) {
            this.overloadFiles = percent;
            return this;
        }

        public ProtectConfig build() {
            return new ProtectConfig(ipv6Prefix, rateClients, connectionRate, messageRate, recipientRate, rateRefusals,
                    failureBudget,
                    tarpitAfter, tarpitDelay, greetDelay, greylist,
                    new Greylist.Settings(greylistDelay, greylistExpiry, greylistPassLifetime, greylistMaxEntries),
                    new AccessLists(allowNetworks, denyNetworks, allowSenderDomains, denySenderDomains), dnsbl,
                    Optional.ofNullable(dnsblResolver), dnsblTimeout, proxyProtocol, proxyNetworks, overloadMemory,
                    overloadFiles);
        }
    }
}
