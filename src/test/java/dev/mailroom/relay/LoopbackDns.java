package dev.mailroom.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * A DNS server on 127.0.0.1 for tests, made of dnsjava's message classes (UDP): it answers from records added with
 * {@link #mx} and {@link #a}, NXDOMAIN for names it does not know, and SERVFAIL for names marked {@link #failing}.
 */
final class LoopbackDns implements AutoCloseable {
    private static final long TTL = 60;

    private final DatagramSocket socket;
    private final Map<Name, List<org.xbill.DNS.Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> failing = ConcurrentHashMap.newKeySet();
    private final Thread serving;

    LoopbackDns() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        serving = Thread.ofVirtual().start(this::serve);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** A resolver that asks only this server, with no cache. */
    MxResolver resolver() throws IOException {
        SimpleResolver resolver = new SimpleResolver(address());
        resolver.setTimeout(Duration.ofSeconds(2));
        return new MxResolver(resolver, new Random(1));
    }

    /** A resolver that knows this host's own name, for the MX loop rule. */
    MxResolver resolver(String selfName) throws IOException {
        SimpleResolver resolver = new SimpleResolver(address());
        resolver.setTimeout(Duration.ofSeconds(2));
        return new MxResolver(resolver, new Random(1), java.util.Optional.of(selfName));
    }

    LoopbackDns mx(String domain, int preference, String host) {
        Name name = name(domain);
        records.computeIfAbsent(name, n -> new ArrayList<>()).add(new MXRecord(name, DClass.IN, TTL, preference, name(host)));
        return this;
    }

    /** {@code MX 0 .} (RFC 7505). */
    LoopbackDns nullMx(String domain) {
        Name name = name(domain);
        records.computeIfAbsent(name, n -> new ArrayList<>()).add(new MXRecord(name, DClass.IN, TTL, 0, Name.root));
        return this;
    }

    LoopbackDns a(String host, String address) {
        Name name = name(host);
        records.computeIfAbsent(name, n -> new ArrayList<>()).add(new ARecord(name, DClass.IN, TTL, literal(address)));
        return this;
    }

    LoopbackDns failing(String domain) {
        failing.add(name(domain));
        return this;
    }

    private void serve() {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        org.xbill.DNS.Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (failing.contains(name)) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (!records.containsKey(name)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            records.get(name).stream().filter(r -> r.getType() == question.getType())
                    .forEach(r -> response.addRecord(r, Section.ANSWER));
        }
        return response;
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        serving.join(Duration.ofSeconds(5));
    }

    static InetAddress literal(String address) {
        try {
            return org.xbill.DNS.Address.getByAddress(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
