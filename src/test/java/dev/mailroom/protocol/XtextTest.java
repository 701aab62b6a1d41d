package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3461 §4 xtext, both ways. */
class XtextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            bob@example.com       | bob@example.com
            bob+2Bold@example.com | bob+old@example.com
            a+3Db                 | a=b
            two+20words           | two words
            +7E+21                | ~!
            """)
    void decodesHexcharsAndKeepsXchars(String xtext, String text) {
        assertThat(Xtext.decode(xtext)).contains(text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+", "a+", "a+2", "a+2b", "a+G0", "a+b@c", "a=b", "tab\there", "line+0D+0A", "del+7F", "caf+C3+A9", "jörg"})
    void refusesWhatIsNotXtextOfPrintableAscii(String xtext) {
        assertThat(Xtext.decode(xtext)).isEmpty();
    }

    @Test
    void encodesPlusEqualsAndSpaceAsUpperCaseHexchars() {
        assertThat(Xtext.encode("bob+old=new @example.com")).isEqualTo("bob+2Bold+3Dnew+20@example.com");
        assertThat(Xtext.decode(Xtext.encode("a+b=c d~!"))).contains("a+b=c d~!");
    }
}
