package dev.mailroom.protocol;

/**
 * What a client gave in an AUTH exchange.
 *
 * @param authorizationId the identity to act as (PLAIN's authzid, RFC 4616); empty for "the same as username"
 * @param username        the identity whose password this is (the authcid)
 * @param password        the password, in clear: never log it (see {@link #toString()})
 */
public record Credentials(String authorizationId, String username, String password) {
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", authorizationId=" + authorizationId + "]";
    }
}
