package dev.mailroom.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpTargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mx.example.org       | mx.example.org | 25   | mx.example.org:25",
        "mx.example.org:2525  | mx.example.org | 2525 | mx.example.org:2525",
        "192.0.2.1:587        | 192.0.2.1      | 587  | 192.0.2.1:587",
        "[::1]:2525           | ::1            | 2525 | [::1]:2525",
        "[2001:db8::25]       | 2001:db8::25   | 25   | [2001:db8::25]:25",
        "::1                  | ::1            | 25   | [::1]:25"})
    void parsesHostAndOptionalPort(String text, String host, int port, String written) {
        SmtpTarget target = SmtpTarget.parse(text);

        assertThat(target).isEqualTo(new SmtpTarget(host, port));
        assertThat(target).hasToString(written);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mx.example.org:smtp", "mx.example.org:0", "mx.example.org:65536", ":25", "[::1", "[::1]2525", ""})
    void rejectsWhatIsNotHostAndPort(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> SmtpTarget.parse(text));
    }
}
