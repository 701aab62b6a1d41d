package dev.mailroom.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
            "2001:db8:0:0:0:0:0:0, 2001:db8::",
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:1:2:3:4:0:6, 2001:db8:1:2:3:4:0:6",
            "192.0.2.1, 192.0.2.1"})
    void ipv6IsWrittenInItsShortestForm(String address, String expected) throws Exception {
        assertThat(AddressText.of(InetAddress.getByName(address))).isEqualTo(expected);
    }
}
