package dev.mailroom.cli.explain;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word-wraps text to a number of terminal columns. Breaks where the language allows (between words, and between
 * most characters of Chinese and Japanese, via {@link BreakIterator}) and counts East Asian wide characters as
 * two columns, so translated text wraps as well as English.
 */
final class TextWrapper {
    private TextWrapper() {
    }

    /** The lines of one paragraph, each at most {@code width} columns, a word longer than that on its own line. */
    static List<String> wrap(String paragraph, int width, Locale locale) {
        BreakIterator breaks = BreakIterator.getLineInstance(locale);
        breaks.setText(paragraph);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int start = breaks.first();
        for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            String piece = paragraph.substring(start, end);
            if (line.length() > 0 && columns(line.toString() + piece.stripTrailing()) > width) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            line.append(piece);
        }
        if (!line.toString().isBlank()) {
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** Terminal columns the text occupies: two for each East Asian wide or full-width character. */
    static int columns(String text) {
        return text.codePoints().map(codePoint -> isWide(codePoint) ? 2 : 1).sum();
    }

    private static boolean isWide(int codePoint) {
        return (codePoint >= 0x1100 && codePoint <= 0x115F)
                || (codePoint >= 0x2E80 && codePoint <= 0xA4CF && codePoint != 0x303F)
                || (codePoint >= 0xAC00 && codePoint <= 0xD7A3)
                || (codePoint >= 0xF900 && codePoint <= 0xFAFF)
                || (codePoint >= 0xFE30 && codePoint <= 0xFE4F)
                || (codePoint >= 0xFF00 && codePoint <= 0xFF60)
                || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6)
                || (codePoint >= 0x20000 && codePoint <= 0x3FFFD);
    }
}
