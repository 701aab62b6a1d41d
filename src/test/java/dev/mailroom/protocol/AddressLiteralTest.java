package dev.mailroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 5321 §4.1.3 address literals, checked without java.net (which the core may not use). */
class AddressLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "[192.0.2.1]", "[0.0.0.0]", "[255.255.255.255]", "[010.001.0.1]",
            "[IPv6:2001:db8::1]", "[ipv6:2001:DB8::1]", "[IPv6:::1]", "[IPv6:::]", "[IPv6:1::]",
            "[IPv6:1:2:3:4:5:6:7:8]", "[IPv6:1:2:3:4:5:6:7::]", "[IPv6:::2:3:4:5:6:7:8]",
            "[IPv6:::ffff:192.0.2.1]", "[IPv6:1:2:3:4:5:6:192.0.2.1]", "[IPv6:fe80::1:2]"})
    void accepts(String literal) {
        assertThat(AddressLiteral.isValid(literal)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "[]", "192.0.2.1", "[192.0.2.1", "192.0.2.1]", "[192.0.2]", "[192.0.2.1.5]", "[192.0.2.256]",
            "[192.0.2.-1]", "[192.0.2.1000]", "[192.0.2.]", "[192..2.1]", "[ 192.0.2.1]", "[192.0.2.a]", "[1e1.0.2.1]",
            "[IPv6:]", "[IPv6:1:2:3:4:5:6:7]", "[IPv6:1:2:3:4:5:6:7:8:9]", "[IPv6:1::2::3]", "[IPv6:1:::2]",
            "[IPv6:12345::1]", "[IPv6:g::1]", "[IPv6::1:2:3:4:5:6:7]", "[IPv6:1:2:3:4:5:6:7:]", "[IPv6:::1:]",
            "[IPv6:1::2:3:4:5:6:7:8]", "[IPv6:1:2:3:4:5:6:7:192.0.2.1]", "[IPv6:::1.2.3]", "[IPv6:192.0.2.1]",
            "[2001:db8::1]", "[tag:content]"})
    void refuses(String literal) {
        assertThat(AddressLiteral.isValid(literal)).isFalse();
    }
}
