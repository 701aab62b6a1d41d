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

    /** Switches to the configuration for {@code format}, once the configuration file has been read. */
    static void use(LogFormat format) {
        if (format == LogFormat.TEXT || !TEXT.equals(System.getProperty("logback.configurationFile"))) {
            return;
        }
        URL json = LogSetup.class.getClassLoader().getResource(JSON);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(json);
        } catch (JoranException e) {
            throw new IllegalStateException("the built-in JSON log configuration is broken", e);
        }
    }
}
