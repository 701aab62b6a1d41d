package dev.mailroom.bench;

import dev.mailroom.policy.ClientProtection;
import dev.mailroom.policy.ProtectConfig;
import dev.mailroom.policy.ResourceGuard;
import dev.mailroom.protocol.Mailbox;
import dev.mailroom.protocol.SessionPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Measures the heap held by the per-client rate limiter state after {@code N} distinct client keys (default
 * 1,000,000), with all four rate tables on and their default size. Not a unit test: run it after
 * {@code mvn -q test-compile} with
 * <pre>
 * java -XX:+UseSerialGC -cp target/classes:target/test-classes dev.mailroom.bench.RateLimiterFootprint
 * </pre>
 * It prints the tables' computed size and the heap measured around them. (Under G1 with a heap under 2 GB the
 * tables' 512 KB arrays are humongous objects, each rounded up to a 1 MB region: about 13.7 MB then.)
 */
public final class RateLimiterFootprint {
    private static final Mailbox RECIPIENT = new Mailbox("bob", "example.test");

    private RateLimiterFootprint() {
    }

    public static void main(String[] args) throws UnknownHostException {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long before = usedHeap();
        ClientProtection protection = ClientProtection.create(ProtectConfig.builder()
                .connectionRate(30).messageRate(60).recipientRate(600).failureBudget(100).build(), Optional.empty(), ResourceGuard.NONE, "localhost");
        long afterCreate = usedHeap();
        byte[] v6 = new byte[16];
        for (int i = 0; i < keys; i++) {
            // half IPv4, half IPv6 /64s: every one a distinct key
            InetAddress address = i % 2 == 0
                    ? InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(0x0A00_0000 + i).array())
                    : InetAddress.getByAddress(ByteBuffer.wrap(v6).putInt(0, 0x2001_0db8).putInt(4, i).array());
            var key = protection.keyOf(address);
            protection.admit(key);
            protection.failed(key);
            SessionPolicy policy = protection.policyFor(address, SessionPolicy.ACCEPT_ALL);
            policy.checkSender(Optional.empty());
            policy.checkRecipient(RECIPIENT);
        }
        long afterKeys = usedHeap();
        System.out.printf("distinct client keys:         %,d%n", keys);
        System.out.printf("rate tables (computed):       %,d bytes (4 tables x %,d slots x 28 bytes)%n",
                protection.footprintBytes(), ProtectConfig.DEFAULT_RATE_CLIENTS);
        System.out.printf("heap after creating limiter:  %,d bytes%n", afterCreate - before);
        System.out.printf("heap after %,d keys:     %,d bytes%n", keys, afterKeys - before);
        System.out.printf("(protection still reachable: %s)%n", protection.config().rateClients() > 0);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
