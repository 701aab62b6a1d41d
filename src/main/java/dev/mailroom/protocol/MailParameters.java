package dev.mailroom.protocol;

import java.util.OptionalLong;

/**
 * The ESMTP parameters of a MAIL command that Mailroom supports.
 *
 * @param declaredSize the {@code SIZE=} estimate (RFC 1870), if given
 * @param body         the {@code BODY=} type (7BIT when absent)
 * @param smtpUtf8     the {@code SMTPUTF8} flag (RFC 6531): addresses and headers may be UTF-8
 * @param dsn          the {@code RET=} and {@code ENVID=} parameters (RFC 3461)
 */
public record MailParameters(OptionalLong declaredSize, BodyType body, boolean smtpUtf8, MessageDsn dsn) {
    public static final MailParameters NONE = new MailParameters(OptionalLong.empty(), BodyType.SEVEN_BIT, false, MessageDsn.NONE);
}
