package dev.mailroom.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * One entry of the spool journal: a message with where it goes, or the cancellation of one whose delivery
 * failed after it was journaled (so recovery does not deliver what the client was told 451 about).
 *
 * <p>On disk: {@code magic(4) length(4) crc32c(4) payload(length)}; the payload holds the kind, the file
 * name, the Maildirs (relative to the mail root) and the message bytes. A record whose magic, length or
 * checksum does not match ends the readable part of a segment: that is a write torn by a crash, never
 * acknowledged.
 *
 * @param fileName the Maildir file name (the message id plus host), which makes delivery idempotent
 * @param maildirs the recipients' Maildirs, relative to the mail root; empty for a cancellation
 * @param message  the stored bytes (Return-Path, Received, the client's data); length {@code length}
 */
record JournalRecord(Kind kind, String fileName, List<String> maildirs, byte[] message, int length) {
    private static final int MAGIC = 0x4D524A31;   // "MRJ1"
    private static final int HEADER = 12;
    /** A length beyond this cannot be a record (the in-memory limit is far lower): the segment is torn. */
    private static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    enum Kind { MESSAGE, CANCELLATION }

    static JournalRecord message(String fileName, List<String> maildirs, byte[] message, int length) {
        return new JournalRecord(Kind.MESSAGE, fileName, List.copyOf(maildirs), message, length);
    }

    static JournalRecord cancellation(String fileName) {
        return new JournalRecord(Kind.CANCELLATION, fileName, List.of(), new byte[0], 0);
    }

    /** The record as buffers for one gathering write: header, metadata, message bytes. */
    ByteBuffer[] encode() {
        ByteArrayOutputStream metadata = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(metadata)) {
            out.writeByte(kind.ordinal());
            out.writeUTF(fileName);
            out.writeShort(maildirs.size());
            for (String maildir : maildirs) {
                out.writeUTF(maildir);
            }
            out.writeInt(length);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        byte[] meta = metadata.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(meta);
        crc.update(message, 0, length);
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(meta.length + length).putInt((int) crc.getValue());
        return new ByteBuffer[] {header.flip(), ByteBuffer.wrap(meta), ByteBuffer.wrap(message, 0, length)};
    }

    /** The next record, or empty at the end of the segment or at a torn or corrupt record. */
    static Optional<JournalRecord> read(InputStream input) throws IOException {
        DataInputStream in = new DataInputStream(input);
        byte[] header = new byte[HEADER];
        if (in.readNBytes(header, 0, HEADER) < HEADER) {
            return Optional.empty();
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        int magic = fields.getInt();
        int payloadLength = fields.getInt();
        int checksum = fields.getInt();
        if (magic != MAGIC || payloadLength < 0 || payloadLength > MAX_PAYLOAD) {
            return Optional.empty();
        }
        byte[] payload = in.readNBytes(payloadLength);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        if (payload.length < payloadLength || (int) crc.getValue() != checksum) {
            return Optional.empty();
        }
        return Optional.of(decode(payload));
    }

    private static JournalRecord decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        Kind kind = Kind.values()[in.readUnsignedByte()];
        String fileName = in.readUTF();
        int count = in.readUnsignedShort();
        List<String> maildirs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            maildirs.add(in.readUTF());
        }
        int length = in.readInt();
        byte[] message = in.readNBytes(length);
        if (message.length != length) {
            throw new EOFException("journal record shorter than its length");
        }
        return new JournalRecord(kind, fileName, maildirs, message, length);
    }
}
