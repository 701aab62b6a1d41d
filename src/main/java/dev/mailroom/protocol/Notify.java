package dev.mailroom.protocol;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * RFC 3461 §4.1 {@code NOTIFY}: for which outcomes the sender of a message wants a delivery status notification
 * about one recipient. No condition at all is {@code NOTIFY=NEVER}. A recipient given without NOTIFY has no
 * {@code Notify} (see {@link RecipientDsn}): then failures and delays are reported at the MTA's discretion.
 *
 * @param conditions the outcomes to report; empty for NEVER
 */
public record Notify(Set<Condition> conditions) {
    public static final Notify NEVER = new Notify(Set.of());

    public enum Condition { SUCCESS, FAILURE, DELAY }

    public Notify {
        conditions = Set.copyOf(conditions);
    }

    public static Notify of(Condition... conditions) {
        return new Notify(Set.of(conditions));
    }

    public boolean success() {
        return conditions.contains(Condition.SUCCESS);
    }

    public boolean failure() {
        return conditions.contains(Condition.FAILURE);
    }

    public boolean delay() {
        return conditions.contains(Condition.DELAY);
    }

    /** The parameter value as sent on the wire: {@code NEVER}, or the conditions in a fixed order. */
    public String value() {
        if (conditions.isEmpty()) {
            return "NEVER";
        }
        return EnumSet.copyOf(conditions).stream().map(Condition::name).collect(Collectors.joining(","));
    }
}
