package dev.mailroom.transport;

import dev.mailroom.protocol.Authenticator;
import dev.mailroom.protocol.Credentials;

/** Checks AUTH credentials knowing which client address asks (to slow down and refuse repeated failures). */
@FunctionalInterface
public interface ClientAuthenticator {
    Authenticator.Verdict authenticate(String clientAddress, Credentials credentials);
}
