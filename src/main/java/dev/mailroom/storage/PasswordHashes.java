package dev.mailroom.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes of the users file, in the formats other tools write: Argon2id in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, as the reference {@code argon2} tool, Dovecot and Python's
 * argon2-cffi write it) for new hashes, and bcrypt ({@code $2y$}/{@code $2b$}/{@code $2a$}, as
 * {@code htpasswd -B} writes it) accepted too. The hashing itself is Bouncy Castle's.
 *
 * <p>New hashes use OWASP's recommended minimum for Argon2id: 19 MiB of memory, 2 passes, 1 lane (about 50 ms
 * here). Parameters read from a file are bounded, so a bad line cannot make one login take gigabytes.
 */
public final class PasswordHashes {
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_OCTETS = 16;
    private static final int HASH_OCTETS = 32;
    private static final int MAX_MEMORY_KIB = 256 * 1024;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 8;
    private static final Pattern ARGON2 = Pattern.compile(
            "\\$argon2(id|i|d)\\$v=(\\d+)\\$m=(\\d{1,9}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private PasswordHashes() {
    }

    /** A new Argon2id hash of {@code password} with a random salt. */
    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_OCTETS];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, MEMORY_KIB, ITERATIONS,
                PARALLELISM, salt, password, HASH_OCTETS);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** True when {@code encoded} is a hash format this class reads. */
    public static boolean isSupported(String encoded) {
        Matcher argon2 = ARGON2.matcher(encoded);
        if (argon2.matches()) {
            return withinBounds(argon2);
        }
        return BCRYPT.matcher(encoded).matches();
    }

    /**
     * True when {@code password} matches {@code encoded}, compared in constant time.
     *
     * @throws IllegalArgumentException if {@code encoded} is not a supported hash
     */
    public static boolean verify(String encoded, char[] password) {
        Matcher argon2 = ARGON2.matcher(encoded);
        if (argon2.matches() && withinBounds(argon2)) {
            int type = switch (argon2.group(1)) {
                case "id" -> Argon2Parameters.ARGON2_id;
                case "i" -> Argon2Parameters.ARGON2_i;
                default -> Argon2Parameters.ARGON2_d;
            };
            int version = Integer.parseInt(argon2.group(2)) == 16 ? Argon2Parameters.ARGON2_VERSION_10
                    : Argon2Parameters.ARGON2_VERSION_13;
            byte[] salt = Base64.getDecoder().decode(argon2.group(6));
            byte[] expected = Base64.getDecoder().decode(argon2.group(7));
            byte[] actual = argon2(type, version, Integer.parseInt(argon2.group(3)), Integer.parseInt(argon2.group(4)),
                    Integer.parseInt(argon2.group(5)), salt, password, expected.length);
            return MessageDigest.isEqual(expected, actual);
        }
        if (BCRYPT.matcher(encoded).matches()) {
            return OpenBSDBCrypt.checkPassword(encoded, password);
        }
        throw new IllegalArgumentException("not an Argon2 or bcrypt hash");
    }

    private static boolean withinBounds(Matcher argon2) {
        int memory = Integer.parseInt(argon2.group(3));
        int iterations = Integer.parseInt(argon2.group(4));
        int parallelism = Integer.parseInt(argon2.group(5));
        int version = Integer.parseInt(argon2.group(2));
        return (version == 16 || version == 19) && memory >= 8 * parallelism && memory <= MAX_MEMORY_KIB
                && iterations >= 1 && iterations <= MAX_ITERATIONS && parallelism >= 1 && parallelism <= MAX_PARALLELISM
                && argon2.group(7).length() >= 16;
    }

    private static byte[] argon2(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt,
                                 char[] password, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
        byte[] out = new byte[length];
        byte[] octets = new String(password).getBytes(StandardCharsets.UTF_8);
        try {
            generator.generateBytes(octets, out);
        } finally {
            java.util.Arrays.fill(octets, (byte) 0);
        }
        return out;
    }
}
