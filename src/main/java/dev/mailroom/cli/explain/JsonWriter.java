package dev.mailroom.cli.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers and booleans as indented JSON (RFC 8259). Small on purpose: the CLI writes
 * a few documents of known shape, which does not justify a JSON library in the shipped jar.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    /** A JSON object with its keys in the order given: {@code object("code", 421, "name", "...")}. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            json.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return json;
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(out, text);
            case Number number -> out.append(number);
            case Boolean bool -> out.append(bool);
            case Map<?, ?> map -> {
                String inner = indent + "  ";
                out.append('{');
                String separator = "\n";
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(separator).append(inner);
                    string(out, entry.getKey().toString());
                    out.append(": ");
                    write(out, entry.getValue(), inner);
                    separator = ",\n";
                }
                out.append(map.isEmpty() ? "" : "\n" + indent).append('}');
            }
            case List<?> list -> {
                String inner = indent + "  ";
                out.append('[');
                String separator = "\n";
                for (Object element : list) {
                    out.append(separator).append(inner);
                    write(out, element, inner);
                    separator = ",\n";
                }
                out.append(list.isEmpty() ? "" : "\n" + indent).append(']');
            }
            default -> throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Control characters must be escaped; U+2028/2029 too, so the output is also valid JavaScript.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
