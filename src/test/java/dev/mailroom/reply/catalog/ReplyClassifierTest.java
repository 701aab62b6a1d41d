package dev.mailroom.reply.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.reply.EnhancedStatus;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyClassifierTest {
    private final ReplyClassifier classifier = new ReplyClassifier(ReplyCatalog.standard());

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "250, 2.0.0, CONTINUE",
        "354, ,      CONTINUE",
        "334, ,      CONTINUE",
        "421, 4.3.2, RETRY_LATER",
        "450, ,      RETRY_LATER",
        "451, 4.7.1, RETRY_LATER",
        "452, 4.5.3, RETRY_LATER",
        "432, 4.7.12, RETRY_LATER",
        "550, 5.1.1, BOUNCE",
        "554, 5.7.1, BOUNCE",
        "552, 5.3.4, BOUNCE",
        "501, 5.5.4, BOUNCE",
        "535, 5.7.8, BOUNCE",
        "521, 5.3.2, TRY_ANOTHER_HOST",
        "556, 5.1.10, BOUNCE",
        // RFC 5321 §4.5.3.1.10: 552 meaning too many recipients is treated as 452.
        "552, 5.5.3, RETRY_LATER",
        // The basic code decides when the enhanced class disagrees.
        "550, 4.7.1, BOUNCE",
        // Uncatalogued codes are understood by their first digit (RFC 5321 §4.2.1).
        "459, ,      RETRY_LATER",
        "523, 5.7.10, BOUNCE",
        "299, ,      CONTINUE",
    })
    void classifiesReceivedReplies(int code, String enhanced, ClientAction expected) {
        Optional<EnhancedStatus> status = Optional.ofNullable(enhanced).map(EnhancedStatus::parse);

        assertThat(classifier.classify(code, status)).isEqualTo(expected);
    }
}
