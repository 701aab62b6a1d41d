package dev.mailroom.storage;

import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes through and counts them: the stored size of a message, for its StoredMessage. */
final class CountingOutputStream extends OutputStream {
    private final OutputStream target;
    private long count;

    CountingOutputStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        target.write(b);
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        target.write(bytes, offset, length);
        count += length;
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    long count() {
        return count;
    }
}
