package dev.mailroom.cli.explain;

/** Escaping for HTML text and attribute values. */
public final class Html {
    private Html() {
    }

    /**
     * The text with {@code & < > " '} replaced by character references: safe as element content and inside a
     * quoted attribute value alike, so a catalogue text or a server's reply can never become markup.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
