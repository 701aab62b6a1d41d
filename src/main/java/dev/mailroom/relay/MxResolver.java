package dev.mailroom.relay;

import dev.mailroom.delivery.Diagnostics;
import dev.mailroom.delivery.RecipientStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds the hosts for a domain (RFC 5321 §5.1): its MX records by preference, in random order among equal
 * preferences; the domain itself when it has no MX but has an address (the implicit MX); nothing, with 556
 * 5.1.10, for a null MX (RFC 7505). Queries go straight to one resolver with no cache, so a test can point it at
 * a DNS server on loopback and an operator can name one with {@code --dns HOST:PORT}.
 */
public final class MxResolver {
    private final Resolver resolver;
    private final Random random;
    private final Optional<Name> self;

    public MxResolver(Resolver resolver, Random random) {
        this(resolver, random, Optional.empty());
    }

    /** @param selfName this host's name: an MX record naming it is where a mail loop would start */
    public MxResolver(Resolver resolver, Random random, Optional<String> selfName) {
        this.resolver = resolver;
        this.random = random;
        this.self = selfName.flatMap(MxResolver::parseName);
    }

    /** A resolver asking {@code server}, or the system's first name server when empty. */
    public static MxResolver create(Optional<InetSocketAddress> server, Duration timeout, String selfName) throws UnknownHostException {
        SimpleResolver resolver = server.isPresent() ? new SimpleResolver(server.get()) : new SimpleResolver();
        resolver.setTimeout(timeout);
        return new MxResolver(resolver, new Random(), Optional.of(selfName));
    }

    private static Optional<Name> parseName(String text) {
        try {
            return Optional.of(Name.fromString(text.endsWith(".") ? text : text + "."));
        } catch (TextParseException e) {
            return Optional.empty();
        }
    }

    public Route route(String domain) {
        if (domain.startsWith("[") && domain.endsWith("]")) {
            return literal(domain);
        }
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return new Route.Failure(RecipientStatus.BOUNCED, Diagnostics.NO_SUCH_DOMAIN);
        }
        Message answer;
        try {
            answer = query(name, Type.MX);
        } catch (IOException e) {
            return new Route.Failure(RecipientStatus.DEFERRED, Diagnostics.DNS_FAILURE);
        }
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Route.Failure(RecipientStatus.BOUNCED, Diagnostics.NO_SUCH_DOMAIN);
        }
        if (rcode != Rcode.NOERROR) {
            return new Route.Failure(RecipientStatus.DEFERRED, Diagnostics.DNS_FAILURE);
        }
        List<MXRecord> mxs = answer.getSection(Section.ANSWER).stream()
                .filter(MXRecord.class::isInstance).map(MXRecord.class::cast).toList();
        if (mxs.size() == 1 && mxs.getFirst().getTarget().equals(Name.root)) {
            return new Route.NullMx();
        }
        List<Name> targets = mxs.isEmpty() ? List.of(name) : ordered(withoutSelf(mxs));
        if (targets.isEmpty()) {
            return new Route.Failure(RecipientStatus.BOUNCED, Diagnostics.LOOPS_BACK);
        }
        List<Route.Host> hosts = new ArrayList<>();
        boolean lookupFailed = false;
        for (Name target : targets) {
            try {
                List<InetAddress> addresses = addresses(target);
                if (!addresses.isEmpty()) {
                    hosts.add(new Route.Host(hostName(target), addresses));
                }
            } catch (IOException e) {
                lookupFailed = true;
            }
        }
        if (!hosts.isEmpty()) {
            return new Route.Hosts(hosts);
        }
        // With MX hosts that do not resolve (yet), a later try may succeed; a bare domain without address does not.
        return lookupFailed || !mxs.isEmpty() ? new Route.Failure(RecipientStatus.DEFERRED, Diagnostics.DNS_FAILURE)
                : new Route.Failure(RecipientStatus.BOUNCED, Diagnostics.NO_ADDRESS);
    }

    /**
     * RFC 5321 §5.1: when this host is one of the MX hosts, only the ones with a lower preference value may be
     * tried; sending to the others (or to itself) would loop.
     */
    private List<MXRecord> withoutSelf(List<MXRecord> mxs) {
        if (self.isEmpty()) {
            return mxs;
        }
        int own = mxs.stream().filter(mx -> mx.getTarget().equals(self.get())).mapToInt(MXRecord::getPriority)
                .min().orElse(Integer.MAX_VALUE);
        return mxs.stream().filter(mx -> mx.getPriority() < own).toList();
    }

    /** By preference, shuffled among equals (RFC 5321 §5.1), ignoring a stray null MX among real ones. */
    private List<Name> ordered(List<MXRecord> mxs) {
        Map<Integer, List<Name>> byPreference = new TreeMap<>();
        for (MXRecord mx : mxs) {
            if (!mx.getTarget().equals(Name.root)) {
                byPreference.computeIfAbsent(mx.getPriority(), p -> new ArrayList<>()).add(mx.getTarget());
            }
        }
        List<Name> ordered = new ArrayList<>();
        for (List<Name> equals : byPreference.values()) {
            Collections.shuffle(equals, random);
            ordered.addAll(equals);
        }
        return ordered;
    }

    private List<InetAddress> addresses(Name host) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        Message a = query(host, Type.A);
        a.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
                .forEach(record -> addresses.add(((ARecord) record).getAddress()));
        Message aaaa = query(host, Type.AAAA);
        aaaa.getSection(Section.ANSWER).stream().filter(AAAARecord.class::isInstance)
                .forEach(record -> addresses.add(((AAAARecord) record).getAddress()));
        if (addresses.isEmpty() && (a.getRcode() == Rcode.SERVFAIL || aaaa.getRcode() == Rcode.SERVFAIL)) {
            throw new IOException("SERVFAIL for " + host);
        }
        return addresses;
    }

    private Message query(Name name, int type) throws IOException {
        return resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(name, type, DClass.IN)));
    }

    private static Route literal(String domain) {
        String inside = domain.substring(1, domain.length() - 1);
        String address = inside.regionMatches(true, 0, "IPv6:", 0, 5) ? inside.substring(5) : inside;
        try {
            return new Route.Hosts(List.of(new Route.Host(domain, List.of(org.xbill.DNS.Address.getByAddress(address)))));
        } catch (UnknownHostException e) {
            return new Route.Failure(RecipientStatus.BOUNCED, Diagnostics.NO_SUCH_DOMAIN);
        }
    }

    private static String hostName(Name name) {
        String text = name.toString(true);
        return text.toLowerCase(Locale.ROOT);
    }
}
