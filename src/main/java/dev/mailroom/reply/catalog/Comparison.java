package dev.mailroom.reply.catalog;

import java.util.List;

/**
 * Written comparison of two codes that people confuse, in one language.
 *
 * @param summary     the difference in a sentence or two
 * @param differences the key differences, one per item
 * @param choice      which of the two a server should send, and when
 */
public record Comparison(String summary, List<String> differences, String choice) {

    public Comparison {
        differences = List.copyOf(differences);
    }
}
