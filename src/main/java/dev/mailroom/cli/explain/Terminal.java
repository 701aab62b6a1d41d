package dev.mailroom.cli.explain;

import java.util.Map;

/**
 * Where text output goes: how wide to wrap, and whether ANSI colour is welcome. Colour only on an interactive
 * terminal and never when {@code NO_COLOR} is set (no-color.org), so piped output stays plain.
 *
 * @param width  columns to wrap to
 * @param colour whether to use ANSI colour and bold
 */
public record Terminal(int width, boolean colour) {
    static final int DEFAULT_WIDTH = 80;
    static final int MIN_WIDTH = 40;

    public Terminal {
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("terminal width below " + MIN_WIDTH + ": " + width);
        }
    }

    /** The terminal of this process: {@code COLUMNS} or 80 wide; colour when stdout is a console. */
    public static Terminal current() {
        return detect(System.getenv(), System.console() != null);
    }

    /** @param interactive whether stdout is a terminal ({@code System.console() != null}) */
    public static Terminal detect(Map<String, String> environment, boolean interactive) {
        int width = DEFAULT_WIDTH;
        try {
            width = Math.max(MIN_WIDTH, Integer.parseInt(environment.getOrDefault("COLUMNS", "").strip()));
        } catch (NumberFormatException notANumber) {
            // COLUMNS unset or garbage: keep the default.
        }
        String noColour = environment.get("NO_COLOR");
        return new Terminal(width, interactive && (noColour == null || noColour.isEmpty()));
    }
}
