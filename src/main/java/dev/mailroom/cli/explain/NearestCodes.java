package dev.mailroom.cli.explain;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Suggests catalogued codes close to a mistyped one: within two edits (a wrong, missing or extra character),
 * closest first, then those sharing the longest prefix, then in catalogue order. Enhanced codes are offered in the
 * class the user typed (5.7.31 suggests 5.7.30), or in class 5 if none was typed.
 */
final class NearestCodes {
    static final int MAX_EDITS = 2;

    private NearestCodes() {
    }

    /** @param keys catalogue keys, in catalogue order */
    static List<String> nearest(String input, List<String> keys, int limit) {
        String typed = input.strip();
        char classDigit = !typed.isEmpty() && "245".indexOf(typed.charAt(0)) >= 0 ? typed.charAt(0) : '5';
        List<String> candidates = keys.stream()
                .map(key -> key.startsWith("X.") ? classDigit + key.substring(1) : key)
                .toList();
        return IntStream.range(0, candidates.size()).boxed()
                .filter(i -> distance(typed, candidates.get(i)) <= MAX_EDITS)
                .sorted(Comparator.<Integer>comparingInt(i -> distance(typed, candidates.get(i)))
                        .thenComparing(i -> -commonPrefix(typed, candidates.get(i)))
                        .thenComparingInt(i -> i))
                .map(candidates::get)
                .limit(limit)
                .toList();
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = IntStream.rangeClosed(0, b.length()).toArray();
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private static int commonPrefix(String a, String b) {
        int length = 0;
        while (length < Math.min(a.length(), b.length()) && a.charAt(length) == b.charAt(length)) {
            length++;
        }
        return length;
    }
}
