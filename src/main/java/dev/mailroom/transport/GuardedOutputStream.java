package dev.mailroom.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Keeps the first write failure instead of throwing it, so a full disk in the middle of DATA does not stop
 * us reading the client's bytes to the end of the message; the failure is reported once the data is in.
 */
final class GuardedOutputStream extends OutputStream {
    private final OutputStream target;
    private IOException failure;

    GuardedOutputStream(OutputStream target) {
        this.target = target;
    }

    static GuardedOutputStream failed(IOException failure) {
        GuardedOutputStream stream = new GuardedOutputStream(OutputStream.nullOutputStream());
        stream.failure = failure;
        return stream;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (failure != null) {
            return;
        }
        try {
            target.write(bytes, offset, length);
        } catch (IOException e) {
            failure = e;
        }
    }

    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }
}
