package dev.mailroom.cli.explain;

import dev.mailroom.reply.catalog.ReplyClass;
import java.util.List;

/**
 * A piece of an explanation, independent of the output format: the text and Markdown renderers lay these out,
 * each in its own way. (JSON is written from the views directly, as data rather than prose.)
 */
sealed interface Block {

    /** A heading naming a code, or a pair of codes; {@code tone} colours it by class. */
    record Title(String text, ReplyClass tone) implements Block {
    }

    /** A labelled text of one or more paragraphs (separated by a blank line). */
    record Field(String label, String text) implements Block {
    }

    /** A labelled list; each item has an optional term, such as a code, and a text. */
    record Items(String label, List<Item> items) implements Block {
        public Items {
            items = List.copyOf(items);
        }
    }

    /** Lines shown exactly as given, such as the reply being explained. */
    record Verbatim(String label, List<String> lines) implements Block {
        public Verbatim {
            lines = List.copyOf(lines);
        }
    }

    /** A remark set apart from the fields. */
    record Note(String text) implements Block {
    }

    /** An item of {@link Items}; {@code term} is empty for a plain bullet. */
    record Item(String term, String text) {
    }
}
