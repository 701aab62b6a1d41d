package dev.mailroom.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The PROXY protocol header, v1 and v2, and that nothing after it is consumed. */
class ProxyHeaderTest {
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] v2(int command, int family, byte[] addresses) {
        ByteBuffer out = ByteBuffer.allocate(16 + addresses.length + 4);
        out.put(SIGNATURE).put((byte) (0x20 | command)).put((byte) family).putShort((short) addresses.length).put(addresses);
        out.put("EHLO".getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    @Test
    void v1NamesTheClientAndLeavesTheSmtpStreamUnread() throws Exception {
        InputStream in = stream("PROXY TCP4 192.0.2.1 198.51.100.1 56324 25\r\nEHLO x\r\n");
        assertThat(ProxyHeader.read(in)).contains(InetAddress.getByName("192.0.2.1"));
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("EHLO x\r\n");
        assertThat(ProxyHeader.read(stream("PROXY TCP6 2001:db8::1 2001:db8::2 1 25\r\n")))
                .contains(InetAddress.getByName("2001:db8::1"));
        assertThat(ProxyHeader.read(stream("PROXY UNKNOWN\r\n"))).isEmpty();
    }

    @Test
    void v2NamesTheClientForProxyAndNoneForLocal() throws Exception {
        byte[] ipv4 = {(byte) 192, 0, 2, 7, (byte) 198, 51, 100, 1, 0x10, 0x00, 0x00, 25};
        InputStream in = new ByteArrayInputStream(v2(0x1, 0x11, ipv4));
        assertThat(ProxyHeader.read(in)).contains(InetAddress.getByName("192.0.2.7"));
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("EHLO");

        byte[] ipv6 = new byte[36];
        System.arraycopy(InetAddress.getByName("2001:db8::7").getAddress(), 0, ipv6, 0, 16);
        assertThat(ProxyHeader.read(new ByteArrayInputStream(v2(0x1, 0x21, ipv6))))
                .contains(InetAddress.getByName("2001:db8::7"));
        assertThat(ProxyHeader.read(new ByteArrayInputStream(v2(0x0, 0x00, new byte[0])))).isEqualTo(Optional.empty());
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> ProxyHeader.read(stream("EHLO client.test\r\n"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ProxyHeader.read(stream("PROXY TCP4 example.com 198.51.100.1 1 25\r\n")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ProxyHeader.read(stream("PROXY TCP4 2001:db8::1 198.51.100.1 1 25\r\n")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ProxyHeader.read(stream("PROXY TCP4 192.0.2.1 198.51.100.1 1 25\n")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ProxyHeader.read(stream("PROXY " + "x".repeat(200) + "\r\n")))
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> ProxyHeader.read(stream("PROXY TCP4 192.0.2.1"))).isInstanceOf(IOException.class);
        byte[] shortAddresses = {1, 2, 3};
        assertThatThrownBy(() -> ProxyHeader.read(new ByteArrayInputStream(v2(0x1, 0x11, shortAddresses))))
                .hasMessageContaining("too short");
    }
}
