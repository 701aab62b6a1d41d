package dev.mailroom.server;

import dev.mailroom.ops.SystemResources;
import dev.mailroom.policy.ClientProtection;
import dev.mailroom.policy.Greylist;
import dev.mailroom.policy.ResourceGuard;
import dev.mailroom.storage.GreylistFile;
import java.time.Clock;
import java.util.Optional;

/**
 * The abuse controls each configuration asks for ({@code [protect]}): rates, lists, the watch on heap and file
 * descriptors, and the greylist. The greylist is opened the first time a configuration turns it on and kept
 * across reloads, as its file ({@code <data>/protect/greylist.tsv}) keeps it across restarts.
 */
final class ProtectionSetup implements AutoCloseable {
    private final Optional<ResourceGuard> guard;
    private Greylist greylist;
    private GreylistFile greylistFile;

    /** @param guard replaces the watch on heap and file descriptors, when given */
    ProtectionSetup(Optional<ResourceGuard> guard) {
        this.guard = guard;
    }

    ClientProtection forConfig(ServerConfig settings) {
        return ClientProtection.create(settings.protect(), greylist(settings), guard.orElseGet(() -> resources(settings)),
                settings.hostname());
    }

    private static ResourceGuard resources(ServerConfig settings) {
        int memory = settings.protect().overloadMemory();
        int files = settings.protect().overloadFiles();
        return memory == 0 && files == 0 ? ResourceGuard.NONE : new SystemResources(memory, files);
    }

    private Optional<Greylist> greylist(ServerConfig settings) {
        if (!settings.protect().greylist()) {
            return Optional.empty();
        }
        if (greylist == null) {
            greylistFile = new GreylistFile(settings.dataDirectory().resolve("protect").resolve("greylist.tsv"));
            greylist = new Greylist(settings.protect().greylisting(), greylistFile, Clock.systemUTC());
        } else {
            greylist.configure(settings.protect().greylisting());
        }
        return Optional.of(greylist);
    }

    @Override
    public void close() {
        if (greylistFile != null) {
            greylistFile.close();
        }
    }
}
