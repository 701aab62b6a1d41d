package dev.mailroom.policy;

import dev.mailroom.protocol.Mailbox;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * The site's allow and deny lists, by client network and by sender domain. A domain on a list covers its
 * subdomains too ({@code example.com} covers {@code mail.example.com}).
 */
public record AccessLists(List<Network> allowNetworks, List<Network> denyNetworks, List<String> allowSenderDomains,
                          List<String> denySenderDomains) {
    public static final AccessLists NONE = new AccessLists(List.of(), List.of(), List.of(), List.of());

    public AccessLists {
        allowNetworks = List.copyOf(allowNetworks);
        denyNetworks = List.copyOf(denyNetworks);
        allowSenderDomains = allowSenderDomains.stream().map(AccessLists::domainKey).toList();
        denySenderDomains = denySenderDomains.stream().map(AccessLists::domainKey).toList();
    }

    public boolean allowsClient(InetAddress client) {
        return allowNetworks.stream().anyMatch(network -> network.contains(client));
    }

    public boolean deniesClient(InetAddress client) {
        return denyNetworks.stream().anyMatch(network -> network.contains(client));
    }

    public boolean allowsSender(Mailbox sender) {
        return covers(allowSenderDomains, sender.domainKey());
    }

    public boolean deniesSender(Mailbox sender) {
        return covers(denySenderDomains, sender.domainKey());
    }

    private static boolean covers(List<String> domains, String domain) {
        return !domain.isEmpty() && domains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    private static String domainKey(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
