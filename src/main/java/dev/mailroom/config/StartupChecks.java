package dev.mailroom.config;

import dev.mailroom.server.SecurityConfig;
import dev.mailroom.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What only this machine can tell, checked before any listener opens: every address can be bound (not in use,
 * not listed twice, an address of this host), the data directory can be written and the users file read. {@code config check} does
 * not run these, so it can check the file of a server that is running.
 */
public final class StartupChecks {
    private StartupChecks() {
    }

    public static void verify(ServerConfig config, ConfigValues values) throws ConfigException {
        verify(config, null, values);
    }

    /** Also the submission listeners' addresses, and that the users file can be read. */
    public static void verify(ServerConfig config, SecurityConfig security, ConfigValues values) throws ConfigException {
        List<String> problems = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (InetSocketAddress address : config.listen()) {
                tryBind(address, key("listen"), values, held, problems);
            }
            if (security != null) {
                for (InetSocketAddress address : security.smtps()) {
                    tryBind(address, key("smtps"), values, held, problems);
                }
                for (InetSocketAddress address : security.submission()) {
                    tryBind(address, key("submission"), values, held, problems);
                }
            }
            config.admin().ifPresent(address -> tryBind(address, key("admin"), values, held, problems));
        } finally {
            held.forEach(StartupChecks::closeQuietly);
        }
        Path data = config.dataDirectory().toAbsolutePath();
        Path existing = data;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            problems.add(origin(key("data"), values) + ": storage.data: cannot write to " + data);
        }
        if (security != null && security.users().isPresent() && !Files.isReadable(security.users().get())) {
            problems.add(origin(key("users"), values) + ": auth.users: cannot read " + security.users().get().toAbsolutePath());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Binds and keeps the socket until all are checked, so an address listed twice is caught too. */
    private static void tryBind(InetSocketAddress address, ConfigKey<?> key, ConfigValues values,
                                List<ServerSocket> held, List<String> problems) {
        if (address.getPort() == 0) {
            return;   // any free port: nothing to collide with
        }
        try {
            ServerSocket socket = new ServerSocket();
            held.add(socket);
            socket.setReuseAddress(true);   // as the real listener does, so TIME_WAIT leftovers are no problem
            socket.bind(address);
        } catch (IOException e) {
            problems.add(origin(key, values) + ": " + key.path() + ": cannot listen on "
                    + HostPort.of(address) + ": " + e.getMessage());
        }
    }

    private static ConfigKey<?> key(String name) {
        return ConfigKeys.named(name).orElseThrow();
    }

    private static String origin(ConfigKey<?> key, ConfigValues values) {
        return values.origin(key).orElse("default");
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // only a probe
        }
    }
}
