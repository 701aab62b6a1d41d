package dev.mailroom.policy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A DNS blocklist (RFC 5782): {@code 192.0.2.99} is listed in {@code zone} when
 * {@code 99.2.0.192.zone} has an A record (IPv6: the 32 nibbles reversed); its TXT record is the reason.
 * Lookups that fail or time out count as not listed.
 */
public final class DnsBlocklist implements Blocklist {
    private static final Logger LOG = LoggerFactory.getLogger(DnsBlocklist.class);
    /** The reason shown when the list has no TXT record. */
    private static final String NO_REASON = "listed";
    private static final int MAX_REASON = 200;

    private final Name zone;
    private final Resolver resolver;

    /**
     * @param zone     the list's zone, such as {@code zen.spamhaus.org}
     * @param resolver where to ask; tests give a {@code SimpleResolver} on a loopback port
     * @param timeout  how long to wait for each answer
     */
    public DnsBlocklist(String zone, Resolver resolver, Duration timeout) {
        try {
            this.zone = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException("not a DNS zone: " + zone, e);
        }
        this.resolver = resolver;
        resolver.setTimeout(timeout);
    }

    @Override
    public String name() {
        return zone.toString(true);
    }

    @Override
    public Optional<String> lookup(InetAddress client) {
        try {
            Name query = Name.concatenate(Name.fromString(reversed(client)), zone);
            Message answer = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(query, Type.A, DClass.IN)));
            if (answer.getRcode() != Rcode.NOERROR || answer.getSection(Section.ANSWER).stream()
                    .noneMatch(r -> r.getType() == Type.A)) {
                return Optional.empty();
            }
            Message text = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(query, Type.TXT, DClass.IN)));
            String reason = text.getSection(Section.ANSWER).stream()
                    .filter(TXTRecord.class::isInstance)
                    .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                    .collect(Collectors.joining("; "));
            return Optional.of(printable(reason.isEmpty() ? NO_REASON : reason));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("event=dnsbl-error zone={} client={} reason=\"{}\" (treated as not listed)", name(),
                    client.getHostAddress(), e.toString());
            return Optional.empty();
        }
    }

    /** {@code 99.2.0.192} for 192.0.2.99; the 32 nibbles of an IPv6 address, last first (RFC 5782 §2.4). */
    static String reversed(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder out = new StringBuilder();
        for (int i = bytes.length - 1; i >= 0; i--) {
            int b = bytes[i] & 0xFF;
            if (address instanceof Inet4Address) {
                out.append(b).append('.');
            } else {
                out.append(Character.forDigit(b & 0xF, 16)).append('.').append(Character.forDigit(b >> 4, 16)).append('.');
            }
        }
        return out.substring(0, out.length() - 1).toLowerCase(Locale.ROOT);
    }

    /** The list's text goes into our reply: printable ASCII only, and short enough for a reply line. */
    private static String printable(String text) {
        String clean = text.chars().map(c -> c >= 0x20 && c < 0x7F ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > MAX_REASON ? clean.substring(0, MAX_REASON) : clean;
    }
}
