package dev.mailroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The shipped JSON configuration, loaded as the server loads it, turns a log line's fields into JSON fields. */
class JsonLogTest {

    @Test
    void everyFieldOfALineIsAJsonFieldWithItsType() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getClassLoader().getResource(LogSetup.JSON));
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> appender =
                (OutputStreamAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender("STDERR");
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.mailroom.transport.SessionLog"), Level.INFO,
                "session=7 event=transaction code=250", null, null);
        event.addKeyValuePair(new KeyValuePair("session", "7"));
        event.addKeyValuePair(new KeyValuePair("event", "transaction"));
        event.addKeyValuePair(new KeyValuePair("code", 250));

        String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n").hasLineCount(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("session").asText()).isEqualTo("7");
        assertThat(json.get("event").asText()).isEqualTo("transaction");
        assertThat(json.get("code").isInt()).isTrue();
        assertThat(json.get("code").asInt()).isEqualTo(250);
        assertThat(json.get("message").asText()).isEqualTo("session=7 event=transaction code=250");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.has("@timestamp")).isTrue();
        context.stop();
    }
}
