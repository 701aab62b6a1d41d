package dev.mailroom.storage;

import dev.mailroom.protocol.Mailbox;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where each recipient's Maildir lives: {@code <root>/<domain>/<local-part>/{tmp,new,cur}}.
 *
 * <p>Domains and local parts are folded to lower case (as nearly every site treats them), and any octet
 * outside {@code [a-z0-9._+=-]} is percent-encoded, so no address can name a path outside its domain's
 * folder ({@code ../}, {@code /}, quotes and spaces are all encoded; a leading dot too). The bare
 * {@code postmaster} recipient goes to postmaster of the default domain.
 */
public record MaildirLayout(Path root, String defaultDomain) {

    public Path maildirOf(Mailbox recipient) {
        String domain = recipient.isBarePostmaster() ? defaultDomain : recipient.domain();
        return root.resolve(encode(domain)).resolve(encode(recipient.localPart()));
    }

    static String encode(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        byte[] octets = lower.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < octets.length; i++) {
            int b = octets[i] & 0xff;
            boolean safe = (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '_' || b == '+' || b == '='
                    || b == '-' || (b == '.' && i > 0);
            if (safe) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
