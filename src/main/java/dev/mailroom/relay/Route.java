package dev.mailroom.relay;

import dev.mailroom.delivery.RecipientStatus;
import java.net.InetAddress;
import java.util.List;

/** Where mail for a domain goes, as DNS says: hosts to try in order, a null MX, or a failure of the lookup. */
public sealed interface Route {

    /** The hosts to try, best first, each with its addresses. */
    record Hosts(List<Host> hosts) implements Route {
        public Hosts {
            hosts = List.copyOf(hosts);
        }
    }

    /** RFC 7505: the domain's only MX is {@code 0 .}; it accepts no mail. */
    record NullMx() implements Route {
    }

    /** The lookup gave no host: {@code outcome} is BOUNCED (NXDOMAIN, no records) or DEFERRED (SERVFAIL, timeout). */
    record Failure(RecipientStatus outcome, String diagnostic) implements Route {
    }

    /** One host: its name (for logs and DSNs) and addresses. */
    record Host(String name, List<InetAddress> addresses) {
        public Host {
            addresses = List.copyOf(addresses);
        }
    }
}
