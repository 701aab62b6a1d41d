package dev.mailroom.protocol;

import java.util.Locale;

/** The command verbs, with whether each may come before HELO/EHLO (RFC 5321 §4.1.4). */
public enum Verb {
    EHLO(true),
    HELO(true),
    MAIL(false),
    RCPT(false),
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

    Verb(boolean allowedBeforeHello) {
        this.allowedBeforeHello = allowedBeforeHello;
    }

    public boolean allowedBeforeHello() {
        return allowedBeforeHello;
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
