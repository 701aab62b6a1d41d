package dev.mailroom.reply.catalog;

import java.util.List;

/** A catalogue file is malformed or incomplete; the message lists every problem found, with its file and key. */
public final class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    CatalogException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
