package dev.mailroom.policy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS server on a loopback UDP port, built on dnsjava's {@link Message} classes: answers A
 * and TXT questions from what the test put in, NXDOMAIN for any other name. Tests never touch the machine's
 * real resolver.
 */
public final class LoopbackDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<Name, List<org.xbill.DNS.Record>> records = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    public LoopbackDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofVirtual().name("loopback-dns").start(this::serve);
    }

    /** Lists {@code name} with an A record (127.0.0.2, as RFC 5782 lists do) and the reason as TXT. */
    public LoopbackDnsServer listed(String name, String reason) throws TextParseException {
        Name owner = Name.fromString(name.endsWith(".") ? name : name + ".");
        records.put(owner, List.of(
                new ARecord(owner, DClass.IN, 60, addressOf("127.0.0.2")),
                new TXTRecord(owner, DClass.IN, 60, reason)));
        return this;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** A resolver that asks only this server, with a short timeout. */
    public Resolver resolver() {
        SimpleResolver resolver = new SimpleResolver(address());
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver;
    }

    /** Questions answered so far. */
    public int queries() {
        return queries.get();
    }

    private static InetAddress addressOf(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                queries.incrementAndGet();
                byte[] reply = answer(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength())));
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] answer(Message query) {
        org.xbill.DNS.Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        List<org.xbill.DNS.Record> known = records.get(question.getName());
        if (known == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            known.stream().filter(r -> r.getType() == question.getType() || question.getType() == Type.ANY)
                    .forEach(r -> response.addRecord(r, Section.ANSWER));
        }
        return response.toWire(512);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
