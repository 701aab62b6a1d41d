package dev.mailroom.protocol;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The values of the DSN parameters of RFC 3461 §4: {@code RET} and {@code ENVID} on MAIL, {@code NOTIFY} and
 * {@code ORCPT} on RCPT. Each method gives the parsed value, or nothing when the value is malformed (501 5.5.4 for
 * the caller). Keywords and their NEVER/SUCCESS/FULL/... values are case-insensitive, as ABNF strings are. The
 * queue reads the values back from its entries with the same methods.
 */
public final class DsnParameters {
    /** RFC 3461 §4.4: an ENVID is at most 100 characters. */
    static final int MAX_ENVELOPE_ID = 100;

    private DsnParameters() {
    }

    /** {@code RET=FULL} or {@code RET=HDRS}. */
    public static Optional<DsnReturn> ret(String value) {
        for (DsnReturn ret : DsnReturn.values()) {
            if (ret.value().equalsIgnoreCase(value)) {
                return Optional.of(ret);
            }
        }
        return Optional.empty();
    }

    /** {@code ENVID=xtext}, decoded; at most 100 characters. */
    public static Optional<String> envelopeId(String value) {
        return Xtext.decode(value).filter(id -> !id.isEmpty() && id.length() <= MAX_ENVELOPE_ID);
    }

    /** {@code NOTIFY=NEVER}, or a comma list of SUCCESS, FAILURE and DELAY, each at most once. */
    public static Optional<Notify> notify(String value) {
        if (value.equalsIgnoreCase("NEVER")) {
            return Optional.of(Notify.NEVER);
        }
        Set<Notify.Condition> conditions = EnumSet.noneOf(Notify.Condition.class);
        for (String word : value.split(",", -1)) {
            Optional<Notify.Condition> condition = condition(word);
            if (condition.isEmpty() || !conditions.add(condition.get())) {
                return Optional.empty();   // NEVER among others, an unknown word, an empty item or a repeat
            }
        }
        return Optional.of(new Notify(conditions));
    }

    /** {@code ORCPT=addr-type;xtext}: an atom, a semicolon, then the address as xtext. */
    public static Optional<OriginalRecipient> originalRecipient(String value) {
        int semicolon = value.indexOf(';');
        if (semicolon <= 0 || !isAtom(value.substring(0, semicolon))) {
            return Optional.empty();
        }
        return Xtext.decode(value.substring(semicolon + 1)).filter(address -> !address.isEmpty())
                .map(address -> new OriginalRecipient(value.substring(0, semicolon), address));
    }

    private static Optional<Notify.Condition> condition(String word) {
        for (Notify.Condition condition : Notify.Condition.values()) {
            if (condition.name().equalsIgnoreCase(word)) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    /** RFC 5322 atom: one or more atext characters (letters, digits and !#$%&'*+-/=?^_`{|}~). */
    private static boolean isAtom(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
            if (!atext) {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
