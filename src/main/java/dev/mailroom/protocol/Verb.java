package dev.mailroom.protocol;

import java.util.Arrays;
import java.util.Locale;

/**
 * The command verbs, with whether each may come before HELO/EHLO (RFC 5321 §4.1.4), and how much longer than the
 * basic limit (512 octets) their command line may be.
 */
public enum Verb {
    EHLO(true),
    HELO(true),
    /** RFC 3461 lets the DSN parameters lengthen MAIL and RCPT lines; 500 octets cover ENVID, ORCPT and the rest. */
    MAIL(false, 500),
    RCPT(false, 500),
    DATA(false),
    BDAT(false),
    RSET(true),
    NOOP(true),
    QUIT(true),
    VRFY(true),
    HELP(true),
    EXPN(true),
    /** RFC 3207; a STARTTLS before EHLO is out of order, as the client has not seen it advertised. */
    STARTTLS(false),
    /** RFC 4954. */
    AUTH(false),
    /** Known verbs Mailroom does not offer; answered 502. */
    NOT_OFFERED(true),
    UNKNOWN(true);

    private final boolean allowedBeforeHello;
    private final int extraLineOctets;

    Verb(boolean allowedBeforeHello) {
        this(allowedBeforeHello, 0);
    }

    Verb(boolean allowedBeforeHello, int extraLineOctets) {
        this.allowedBeforeHello = allowedBeforeHello;
        this.extraLineOctets = extraLineOctets;
    }

    public boolean allowedBeforeHello() {
        return allowedBeforeHello;
    }

    /** How many octets longer than the basic command line limit this verb's line may be. */
    public int extraLineOctets() {
        return extraLineOctets;
    }

    /** The most any verb's line may exceed the basic limit by. */
    static int maxExtraLineOctets() {
        return Arrays.stream(values()).mapToInt(Verb::extraLineOctets).max().orElse(0);
    }

    /** Verbs of RFC 821/5321 and common extensions that Mailroom recognises but does not implement. */
    static boolean isKnownButNotOffered(String upperCaseVerb) {
        return switch (upperCaseVerb) {
            case "TURN", "ETRN", "ATRN", "SEND", "SOML", "SAML", "XCLIENT", "XFORWARD" -> true;
            default -> false;
        };
    }

    /** The verb named by this word, ignoring case; {@link #UNKNOWN} for anything else. */
    static Verb of(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "EHLO" -> EHLO;
            case "HELO" -> HELO;
            case "MAIL" -> MAIL;
            case "RCPT" -> RCPT;
            case "DATA" -> DATA;
            case "BDAT" -> BDAT;
            case "RSET" -> RSET;
            case "NOOP" -> NOOP;
            case "QUIT" -> QUIT;
            case "VRFY" -> VRFY;
            case "HELP" -> HELP;
            case "EXPN" -> EXPN;
            case "STARTTLS" -> STARTTLS;
            case "AUTH" -> AUTH;
            default -> isKnownButNotOffered(upper) ? NOT_OFFERED : UNKNOWN;
        };
    }
}
