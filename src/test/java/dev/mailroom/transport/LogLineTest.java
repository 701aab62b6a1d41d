package dev.mailroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLineTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.mailroom.test.LogLineTest");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    private String logged(Object value) {
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        lines.start();
        logger.addAppender(lines);
        try {
            LogLine.info(logger).add("a", 1).add("helo", value).add("z", "end").log();
            return lines.list.getLast().getFormattedMessage();
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void plainValuesAreWrittenBare() {
        assertThat(logged("mx.example.test")).isEqualTo("a=1 helo=mx.example.test z=end");
    }

    @Test
    void valuesThatCouldForgeAFieldOrALineAreQuotedAndEscaped() {
        assertThat(logged("x outcome=quit")).isEqualTo("a=1 helo=\"x outcome=quit\" z=end");
        assertThat(logged("x\r\nsession=9 event=forged")).isEqualTo("a=1 helo=\"x\\r\\nsession=9 event=forged\" z=end");
        assertThat(logged("say \"hi\" \\ \u0007")).isEqualTo("a=1 helo=\"say \\\"hi\\\" \\\\ \\u0007\" z=end");
        assertThat(logged("")).isEqualTo("a=1 helo=\"\" z=end");
    }

    @Test
    void aMessageWithBracesIsNotTakenForAFormat() {
        assertThat(logged("{}")).isEqualTo("a=1 helo={} z=end");
    }
}
