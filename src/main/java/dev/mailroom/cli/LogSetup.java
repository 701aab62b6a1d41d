package dev.mailroom.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.mailroom.config.LogFormat;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Chooses the Logback configuration of the standalone server; one given with -Dlogback.configurationFile wins. */
final class LogSetup {
    static final String TEXT = "dev/mailroom/cli/logback.xml";
    static final String JSON = "dev/mailroom/cli/logback-json.xml";

    private LogSetup() {
    }

    /** Before anything logs: the text configuration, unless the operator brought one. */
    static void useDefault() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", TEXT);
        }
    }

    /** The format in effect, when it is one of ours. */
    private static LogFormat current = LogFormat.TEXT;

    /** Switches to the configuration for {@code format}, once the configuration file has been read (or reloaded). */
    static synchronized void use(LogFormat format) {
        if (format == current || !TEXT.equals(System.getProperty("logback.configurationFile"))) {
            return;
        }
        current = format;
        URL resource = LogSetup.class.getClassLoader().getResource(format == LogFormat.JSON ? JSON : TEXT);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(resource);
        } catch (JoranException e) {
            throw new IllegalStateException("the built-in log configuration is broken: " + resource, e);
        }
    }
}
