package dev.mailroom.ops;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.mailroom.policy.ResourceGuard;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.Optional;

/**
 * Watches the process's heap and file descriptors. Heap is measured as it was after the last garbage
 * collection (each pool's collection usage), so garbage waiting to be collected never counts as a shortage;
 * file descriptors as open over the process's limit (Unix only; elsewhere never short). Sampled at most once
 * a second, since it is asked on every connection and every MAIL.
 */
public final class SystemResources implements ResourceGuard {
    private static final long SAMPLE_NANOS = 1_000_000_000L;

    private final int memoryPercent;
    private final int filesPercent;
    private long sampledAt;
    private Optional<String> last = Optional.empty();
    private boolean sampled;

    /**
     * @param memoryPercent short of memory above this share of the maximum heap after GC (0: not watched)
     * @param filesPercent  short of file descriptors above this share of the limit (0: not watched)
     */
    public SystemResources(int memoryPercent, int filesPercent) {
        this.memoryPercent = memoryPercent;
        this.filesPercent = filesPercent;
    }

    @Override
    public synchronized Optional<String> shortage() {
        long now = System.nanoTime();
        if (!sampled || now - sampledAt >= SAMPLE_NANOS) {
            last = sample();
            sampledAt = now;
            sampled = true;
        }
        return last;
    }

    private Optional<String> sample() {
        if (memoryPercent > 0 && heapPercentAfterGc() > memoryPercent) {
            return Optional.of("memory");
        }
        if (filesPercent > 0 && filesPercent() > filesPercent) {
            return Optional.of("file descriptors");
        }
        return Optional.empty();
    }

    /** Heap in use after the last collection, as a percentage of the maximum heap. */
    static double heapPercentAfterGc() {
        long max = Runtime.getRuntime().maxMemory();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return max <= 0 || max == Long.MAX_VALUE ? 0 : 100.0 * used / max;
    }

    /** Open file descriptors as a percentage of the limit. */
    static double filesPercent() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
            return 100.0 * unix.getOpenFileDescriptorCount() / unix.getMaxFileDescriptorCount();
        }
        return 0;
    }
}
