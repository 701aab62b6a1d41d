package dev.mailroom.reply.catalog;

/**
 * One code as looked up: {@code 421}, or {@code 5.7.1} with its class digit, with its facts and its text in one
 * language. The enhanced codes {@code 4.7.1} and {@code 5.7.1} share the facts and text of {@code X.7.1} but
 * differ in class, and so in what a client should do.
 *
 * @param code       the code as written: {@code "421"}, {@code "5.7.1"}
 * @param replyClass the class, from the first digit
 * @param facts      the language-neutral facts
 * @param text       the text in the language asked for (or English, if that language has no file)
 */
public record CodeEntry(String code, ReplyClass replyClass, CodeFacts facts, EntryText text) {

    public boolean isEnhanced() {
        return facts.isEnhanced();
    }

    /**
     * The second digit of a basic code (0 syntax, 1 information, 2 connections, 5 mail system) or the subject of
     * an enhanced code (0 other, 1 addressing, 2 mailbox, ... 7 security or policy).
     */
    public int category() {
        return isEnhanced() ? CodeKeys.subject(facts.key()) : Integer.parseInt(code) / 10 % 10;
    }

    /** What a client should do on receiving this code. */
    public ClientAction action() {
        if (!isEnhanced()) {
            return facts.action();
        }
        // RFC 3463 §3.1: the class alone says whether to retry; the detail only says why.
        return switch (replyClass) {
            case POSITIVE_COMPLETION, POSITIVE_INTERMEDIATE -> ClientAction.CONTINUE;
            case TRANSIENT_NEGATIVE -> ClientAction.RETRY_LATER;
            case PERMANENT_NEGATIVE -> facts.action();
        };
    }
}
