package dev.mailroom.policy;

import java.net.InetAddress;
import java.util.Optional;

/** A list that may name a client as a source of abuse: a DNSBL, for one. */
public interface Blocklist {

    /** The list's name, for the reply and the logs. */
    String name();

    /**
     * The reason the list gives if {@code client} is listed, empty if it is not or the list cannot be asked
     * (a blocklist that does not answer must not stop mail: it fails open).
     */
    Optional<String> lookup(InetAddress client);
}
