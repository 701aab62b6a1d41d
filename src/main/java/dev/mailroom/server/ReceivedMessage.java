package dev.mailroom.server;

import dev.mailroom.storage.StoredMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A message Mailroom accepted and stored, as an embedding application or a test sees it.
 *
 * @param id         the id from the 250 reply
 * @param sender     the envelope sender, empty string for the null sender
 * @param recipients the envelope recipients
 * @param files      the stored Maildir files, one per distinct recipient mailbox
 */
public record ReceivedMessage(String id, String sender, List<String> recipients, List<Path> files) {
    public ReceivedMessage {
        recipients = List.copyOf(recipients);
        files = List.copyOf(files);
    }

    static ReceivedMessage of(StoredMessage stored) {
        return new ReceivedMessage(stored.id(),
                stored.transaction().sender().map(Object::toString).orElse(""),
                stored.transaction().recipients().stream().map(Object::toString).toList(),
                stored.files());
    }

    /** The stored bytes: Return-Path and Received headers, then the message as the client sent it. */
    public byte[] bytes() {
        try {
            return Files.readAllBytes(files.getFirst());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored message as text (UTF-8). */
    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** The message as the client sent it, without the trace headers Mailroom added in front. */
    public String content() {
        String text = text();
        int start = 0;
        while (text.startsWith("Return-Path:", start) || text.startsWith("Received:", start)) {
            start = text.indexOf("\r\n", start) + 2;
            while (text.startsWith("\t", start) || text.startsWith(" ", start)) {
                start = text.indexOf("\r\n", start) + 2;
            }
        }
        return text.substring(start);
    }
}
