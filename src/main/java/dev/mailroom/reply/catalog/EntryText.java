package dev.mailroom.reply.catalog;

import java.util.Map;

/**
 * The translatable text of one catalogue entry in one language.
 *
 * @param name         a short name, e.g. "Service not available"
 * @param description  what the code means
 * @param when         the situations in which a server sends it
 * @param senderFix    what the sender (the person or program sending mail) can do about it
 * @param adminFix     what the administrator of the server that sent it can do about it
 * @param clientAdvice what an SMTP client should do: retry and with what backoff, bounce, or fix and resend
 * @param related      for each related code (the keys of {@link CodeFacts#related()}), how it differs from this one
 */
public record EntryText(String name, String description, String when, String senderFix, String adminFix,
        String clientAdvice, Map<String, String> related) {

    public EntryText {
        related = Map.copyOf(related);
    }
}
