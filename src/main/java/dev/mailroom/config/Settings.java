package dev.mailroom.config;

import dev.mailroom.server.MailroomServer;
import dev.mailroom.server.ServerBuilder;

/** What settings are applied to: the server's builder, plus the log format that only the standalone server has. */
public final class Settings {
    private final ServerBuilder server = MailroomServer.builder();
    private LogFormat logFormat = LogFormat.TEXT;

    public ServerBuilder server() {
        return server;
    }

    public LogFormat logFormat() {
        return logFormat;
    }

    void logFormat(LogFormat format) {
        this.logFormat = format;
    }

    /** Every setting's value, defaults filled in; throws {@link IllegalArgumentException} if one is impossible. */
    public EffectiveConfig effective() {
        return new EffectiveConfig(server.config(), logFormat, server.relayConfig());
    }
}
