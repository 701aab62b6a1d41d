package dev.mailroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Any octets from a proxy: the PROXY header reader either names a client (or none) or throws
 * {@link IOException}; it never throws anything else and never reads more than a header can hold. Regression
 * mode in plain {@code mvn test}; to fuzz, see {@code CommandParserFuzzTest}.
 */
class ProxyHeaderFuzzTest {
    /** v2: 16 octets of fixed header and at most 1 KB of addresses; v1: 107 octets. */
    private static final int MAX_HEADER = 16 + 1024;

    @FuzzTest(maxDuration = "1m")
    @DictionaryEntries({"PROXY ", "TCP4 ", "TCP6 ", "UNKNOWN", "\\x0D\\x0A", "\\x0D\\x0A\\x0D\\x0A\\x00\\x0D\\x0AQUIT\\x0A",
            "\\x21\\x11", "\\x21\\x21", " 25"})
    void readsAnyStream(byte[] octets) {
        ByteArrayInputStream in = new ByteArrayInputStream(octets);
        try {
            Optional<java.net.InetAddress> client = ProxyHeader.read(in);
            assertThat(client).isNotNull();
        } catch (IOException refused) {
            // a header we do not trust: the connection is dropped
        }
        assertThat(octets.length - in.available()).isLessThanOrEqualTo(MAX_HEADER);
    }
}
