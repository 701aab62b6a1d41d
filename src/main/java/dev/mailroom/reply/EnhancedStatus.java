package dev.mailroom.reply;

/**
 * An enhanced mail system status code (RFC 3463): {@code class.subject.detail}, such as {@code 5.1.1}.
 *
 * @param statusClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 * @param subject     0 to 7: other, addressing, mailbox, mail system, network, protocol, content, security
 * @param detail      the detail number within the subject
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("enhanced status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status subject and detail are 0..999");
        }
    }

    /** Parses {@code "5.1.1"}; throws {@link IllegalArgumentException} if it is not of that form. */
    public static EnhancedStatus parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not an enhanced status code: " + text);
        }
        try {
            return new EnhancedStatus(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an enhanced status code: " + text, e);
        }
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
