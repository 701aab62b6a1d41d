package dev.mailroom.protocol;

/** RFC 3461 §4.3 {@code RET}: what of the message a failure report returns to its sender. */
public enum DsnReturn {
    /** {@code RET=FULL}: the whole message. */
    FULL("FULL"),
    /** {@code RET=HDRS}: its header section only. */
    HEADERS("HDRS");

    private final String value;

    DsnReturn(String value) {
        this.value = value;
    }

    /** The parameter value as sent on the wire. */
    public String value() {
        return value;
    }
}
