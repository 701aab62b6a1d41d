package dev.mailroom.reply;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/**
 * Every reply the server sends, by meaning and code. Handlers never type reply text inline: they pick a
 * template here and fill its {@code {}} placeholders. The Explain catalogue describes each code used here.
 */
public final class Replies {
    private Replies() {
    }

    /** Every template above, in declaration order: for the catalogue's coverage check and the docs. */
    public static List<Reply> all() {
        return Arrays.stream(Replies.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == Reply.class)
                .map(Replies::valueOf)
                .toList();
    }

    private static Reply valueOf(Field field) {
        try {
            return (Reply) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Replies fields are public", e);
        }
    }

    // --- 2xx: positive completion ---------------------------------------------------------------------------
    /** RFC 2034 leaves the greeting without an enhanced code. */
    public static final Reply GREETING_220 = Reply.withoutEnhanced(220, "{} ESMTP Mailroom");
    public static final Reply HELP_214 = Reply.of(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP");
    public static final Reply READY_TO_START_TLS_220 = Reply.of(220, "2.0.0", "Ready to start TLS");
    public static final Reply CLOSING_221 = Reply.of(221, "2.0.0", "Bye");
    /** HELO answers with the server name only; EHLO keyword lines carry no enhanced code (RFC 2034). */
    public static final Reply HELLO_250 = Reply.withoutEnhanced(250, "{}");
    public static final Reply AUTH_SUCCEEDED_235 = Reply.of(235, "2.7.0", "Authentication successful");
    public static final Reply OK_250 = Reply.of(250, "2.0.0", "Ok");
    public static final Reply SENDER_OK_250 = Reply.of(250, "2.1.0", "Sender ok");
    public static final Reply RECIPIENT_OK_250 = Reply.of(250, "2.1.5", "Recipient ok");
    public static final Reply QUEUED_250 = Reply.of(250, "2.0.0", "Ok: queued as {}");
    public static final Reply CHUNK_RECEIVED_250 = Reply.of(250, "2.0.0", "{} octets received");
    public static final Reply CANNOT_VERIFY_252 = Reply.of(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery");

    // --- 3xx: intermediate ----------------------------------------------------------------------------------
    /** RFC 4954 §4: a SASL challenge, base64, with no enhanced code (the text is the challenge itself). */
    public static final Reply AUTH_CHALLENGE_334 = Reply.withoutEnhanced(334, "{}");
    public static final Reply START_MAIL_INPUT_354 = Reply.withoutEnhanced(354, "End data with <CR><LF>.<CR><LF>");

    // --- 4xx: transient negative ----------------------------------------------------------------------------
    public static final Reply SHUTTING_DOWN_421 = Reply.of(421, "4.3.2", "{} Service shutting down, closing channel");
    public static final Reply TOO_MANY_CONNECTIONS_421 = Reply.of(421, "4.7.0", "{} Too many connections, try again later");
    public static final Reply TOO_MANY_CONNECTIONS_FROM_CLIENT_421 =
            Reply.of(421, "4.7.0", "{} Too many connections from your address, try again later");
    /** Short of memory or file descriptors: the transient 4.3.2 "system not accepting network messages". */
    public static final Reply OVERLOADED_421 = Reply.of(421, "4.3.2", "{} System resources low, try again later");
    public static final Reply IDLE_TIMEOUT_421 = Reply.of(421, "4.4.2", "{} Timeout exceeded, closing channel");
    public static final Reply TOO_MANY_ERRORS_421 = Reply.of(421, "4.7.0", "{} Too many errors, closing channel");
    public static final Reply CONNECTION_RATE_421 =
            Reply.of(421, "4.7.0", "{} Too many connections from your address recently, try again later");
    public static final Reply TOO_MANY_ERRORS_FROM_CLIENT_421 =
            Reply.of(421, "4.7.0", "{} Too many errors from your address, try again later");
    /** A client that keeps sending past its 451s is no queue backing off (protect.rate-refusals). */
    public static final Reply RATE_ABUSE_421 = Reply.of(421, "4.7.0", "{} Too many commands over your rate, closing channel");
    public static final Reply MESSAGE_RATE_451 = Reply.of(451, "4.7.1", "Too many messages from your address, try again later");
    public static final Reply RECIPIENT_RATE_451 = Reply.of(451, "4.7.1", "Too many recipients from your address, try again later");
    /** RFC 6647: an unknown (client network, sender, recipient) triplet; a real MTA retries, spamware rarely does. */
    public static final Reply GREYLISTED_451 = Reply.of(451, "4.7.1", "Greylisted, please try again in {} seconds");
    public static final Reply TOO_MANY_AUTH_FAILURES_421 =
            Reply.of(421, "4.7.0", "{} Too many failed authentication attempts, try again later");
    public static final Reply LOCAL_ERROR_451 = Reply.of(451, "4.3.0", "Local error in processing, try again later");
    public static final Reply INSUFFICIENT_STORAGE_452 = Reply.of(452, "4.3.1", "Insufficient system storage, try again later");
    public static final Reply RESOURCES_LOW_452 = Reply.of(452, "4.3.1", "Insufficient system resources, try again later");
    public static final Reply TOO_MANY_RECIPIENTS_452 = Reply.of(452, "4.5.3", "Too many recipients");
    /** RFC 3207 §4: STARTTLS where this listener has no certificate (or cannot use it now). */
    public static final Reply AUTH_UNAVAILABLE_454 = Reply.of(454, "4.7.0", "Temporary authentication failure");
    public static final Reply TLS_NOT_AVAILABLE_454 = Reply.of(454, "4.7.0", "TLS not available due to temporary reason");

    // --- 5xx: permanent negative ----------------------------------------------------------------------------
    public static final Reply COMMAND_UNRECOGNIZED_500 = Reply.of(500, "5.5.1", "Command unrecognized");
    public static final Reply LINE_TOO_LONG_500 = Reply.of(500, "5.5.2", "Line too long");
    public static final Reply INVALID_CHARACTERS_500 = Reply.of(500, "5.5.2", "Command contains invalid characters");
    public static final Reply HELLO_SYNTAX_501 = Reply.of(501, "5.5.4", "Syntax: {} hostname");
    public static final Reply MAIL_SYNTAX_501 = Reply.of(501, "5.5.4", "Syntax: MAIL FROM:<address>");
    public static final Reply RCPT_SYNTAX_501 = Reply.of(501, "5.5.4", "Syntax: RCPT TO:<address>");
    public static final Reply BDAT_SYNTAX_501 = Reply.of(501, "5.5.4", "Syntax: BDAT size [LAST]");
    public static final Reply ARGUMENT_REQUIRED_501 = Reply.of(501, "5.5.4", "Syntax: {} needs an argument");
    public static final Reply NO_ARGUMENTS_ALLOWED_501 = Reply.of(501, "5.5.4", "Syntax: {} takes no arguments");
    public static final Reply BAD_PARAMETER_501 = Reply.of(501, "5.5.4", "Bad parameter syntax: {}");
    public static final Reply BAD_SENDER_SYNTAX_501 = Reply.of(501, "5.1.7", "Bad sender address syntax: {}");
    public static final Reply BAD_RECIPIENT_SYNTAX_501 = Reply.of(501, "5.1.3", "Bad recipient address syntax: {}");
    public static final Reply AUTH_SYNTAX_501 = Reply.of(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]");
    /** RFC 4954 §4: the client sent "*". */
    public static final Reply AUTH_CANCELLED_501 = Reply.of(501, "5.7.0", "Authentication cancelled");
    /** RFC 4954 §4: a response that is not base64 (or not a well-formed PLAIN message). */
    public static final Reply AUTH_UNDECODABLE_501 = Reply.of(501, "5.5.2", "Cannot decode authentication response");
    public static final Reply NOT_IMPLEMENTED_502 = Reply.of(502, "5.5.1", "{} not implemented");
    public static final Reply HELLO_FIRST_503 = Reply.of(503, "5.5.1", "Send HELO/EHLO first");
    public static final Reply NESTED_MAIL_503 = Reply.of(503, "5.5.1", "Nested MAIL command");
    public static final Reply NEED_MAIL_503 = Reply.of(503, "5.5.1", "Need MAIL command");
    public static final Reply NEED_RECIPIENT_503 = Reply.of(503, "5.5.1", "Need RCPT command");
    public static final Reply CHUNKING_IN_PROGRESS_503 = Reply.of(503, "5.5.1", "{} not allowed during a BDAT transfer");
    public static final Reply TLS_ALREADY_ACTIVE_503 = Reply.of(503, "5.5.1", "TLS already active");
    public static final Reply TRANSACTION_IN_PROGRESS_503 = Reply.of(503, "5.5.1", "{} not allowed during a mail transaction");
    public static final Reply ALREADY_AUTHENTICATED_503 = Reply.of(503, "5.5.1", "Already authenticated");
    public static final Reply BINARYMIME_NEEDS_BDAT_503 = Reply.of(503, "5.5.1", "BODY=BINARYMIME requires BDAT, not DATA");
    public static final Reply UNKNOWN_MECHANISM_504 = Reply.of(504, "5.5.4", "Unrecognized authentication mechanism");
    public static final Reply NO_MAIL_SERVICE_521 = Reply.of(521, "5.3.2", "{} does not accept mail");
    /** An early talker: it sent before the greeting, which no real mail server does (Postfix postscreen's pregreet test). */
    public static final Reply EARLY_TALKER_521 = Reply.of(521, "5.5.1", "{} Protocol error: you talked before the greeting");
    /** RFC 3207 §4: this listener (the submission port) takes mail only over TLS. */
    public static final Reply TLS_REQUIRED_530 = Reply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    /** RFC 4954 §6: this listener (the submission port) takes mail only from authenticated users. */
    public static final Reply AUTH_REQUIRED_530 = Reply.of(530, "5.7.0", "Authentication required");
    public static final Reply AUTH_INVALID_535 = Reply.of(535, "5.7.8", "Authentication credentials invalid");
    /** RFC 4954 §4: AUTH with a password mechanism before TLS. */
    public static final Reply ENCRYPTION_REQUIRED_538 =
            Reply.of(538, "5.7.11", "Encryption required for requested authentication mechanism");
    public static final Reply BARE_LINE_ENDING_550 =
            Reply.of(550, "5.5.2", "Message rejected: bare <CR> or <LF> in data; lines must end with <CR><LF>");
    public static final Reply MESSAGE_TOO_BIG_552 = Reply.of(552, "5.3.4", "Message size exceeds fixed limit of {} octets");
    public static final Reply BAD_SENDER_MAILBOX_553 = Reply.of(553, "5.1.7", "Sender address rejected: {}");
    public static final Reply BAD_RECIPIENT_MAILBOX_553 = Reply.of(553, "5.1.3", "Recipient address rejected: {}");
    /** RFC 6409 §6.1: an authenticated user may send only as itself. */
    public static final Reply SENDER_NOT_OWNED_553 = Reply.of(553, "5.7.1", "<{}>: Sender address not owned by user {}");
    public static final Reply NON_ASCII_ADDRESS_553 = Reply.of(553, "5.6.7", "Non-ASCII address needs the SMTPUTF8 parameter");
    public static final Reply CLIENT_DENIED_554 = Reply.of(554, "5.7.1", "Client host [{}] rejected by local policy");
    /** A DNS blocklist names the client (RFC 5782); the list and its reason are given so the sender can act. */
    public static final Reply CLIENT_BLOCKLISTED_554 = Reply.of(554, "5.7.1", "Client host [{}] blocked using {}: {}");
    public static final Reply SENDER_DENIED_554 = Reply.of(554, "5.7.1", "<{}>: Sender domain rejected by local policy");
    public static final Reply RELAY_DENIED_554 = Reply.of(554, "5.7.1", "<{}>: Relay access denied");
    public static final Reply NO_VALID_RECIPIENTS_554 = Reply.of(554, "5.5.1", "No valid recipients");
    public static final Reply UNKNOWN_PARAMETER_555 = Reply.of(555, "5.5.4", "Unsupported parameter: {}");

    // --- Written by the delivery agent itself (into bounces and the queue), where no remote host replied ----
    /** RFC 7505 §4.1: a domain with a null MX takes no mail; bounce at once, without a connection. */
    public static final Reply NULL_MX_556 = Reply.of(556, "5.1.10", "Recipient address has null MX");
    public static final Reply DOMAIN_NOT_FOUND_550 = Reply.of(550, "5.1.2", "Host or domain name not found");
    public static final Reply NO_MAIL_HOST_550 = Reply.of(550, "5.1.2", "No MX or address record for the domain");
    public static final Reply DNS_LOOKUP_FAILED_451 = Reply.of(451, "4.4.3", "Temporary failure looking up the domain");
    public static final Reply NO_ANSWER_FROM_HOST_451 = Reply.of(451, "4.4.1", "No answer from host");
    /** RFC 5321 §5.1: this host is the best MX of the domain it would relay to. */
    public static final Reply MAIL_LOOPS_BACK_554 = Reply.of(554, "5.4.6", "Mail for the domain loops back to myself");
    public static final Reply HOST_UNREACHABLE_451 = Reply.of(451, "4.4.1", "Connection to {} failed: {}");
    public static final Reply HOST_TIMED_OUT_451 = Reply.of(451, "4.4.2", "Timed out talking to {}");
    public static final Reply HOST_CONNECTION_LOST_451 = Reply.of(451, "4.4.2", "Connection lost with {}");
    public static final Reply HOST_TLS_FAILED_451 = Reply.of(451, "4.7.5", "TLS handshake with {} failed: {}");
    public static final Reply HOST_OFFERS_NO_TLS_451 = Reply.of(451, "4.7.10", "TLS is required, and {} did not offer it");
    public static final Reply SMART_HOST_NEEDS_TLS_451 = Reply.of(451, "4.7.11", "Not sending the smart host password without TLS");
    public static final Reply SMART_HOST_NO_AUTH_PLAIN_451 = Reply.of(451, "4.7.0", "{} offers no AUTH PLAIN");
    public static final Reply SMART_HOST_AUTH_FAILED_451 = Reply.of(451, "4.7.0", "Authentication at {} failed: {}");
    /**
     * RFC 6152 §3, RFC 3030 §3: 8-bit or binary content for a host without 8BITMIME (or BINARYMIME and CHUNKING);
     * Mailroom does not convert it to 7 bits.
     */
    public static final Reply CONVERSION_NOT_SUPPORTED_554 =
            Reply.of(554, "5.6.3", "Conversion required but not supported: {} does not offer {}");
    /** RFC 6531 §3.2: a message with non-ASCII addresses or headers for a host without SMTPUTF8. */
    public static final Reply SMTPUTF8_NOT_OFFERED_553 =
            Reply.of(553, "5.6.7", "Non-ASCII address or header needs SMTPUTF8, and {} does not offer it");
}
