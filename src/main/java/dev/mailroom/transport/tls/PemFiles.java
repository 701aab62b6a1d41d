package dev.mailroom.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys from PEM files, with the JDK alone. Keys may be PKCS#8
 * ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519, Ed448, RSASSA-PSS), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY})
 * or SEC1 EC ({@code BEGIN EC PRIVATE KEY}), as openssl, certbot and acme.sh write them; the last two are
 * wrapped into PKCS#8 here because the JDK reads only that. Encrypted keys are refused with a hint.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** id-ecPublicKey, 1.2.840.10045.2.1, as a DER OID. */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {
    }

    /** Every certificate in the file, in order: the server's own first, then the chain towards the root. */
    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (block.type().equals("CERTIFICATE")) {
                for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(block.der()))) {
                    chain.add((X509Certificate) certificate);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(file + ": no BEGIN CERTIFICATE block");
        }
        return chain;
    }

    /** The first private key in the file. */
    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der(), file);
                }
                case "RSA PRIVATE KEY" -> {
                    refuseEncrypted(block, file);
                    return pkcs8(sequence(integerZero(), RSA_ALGORITHM, octetString(block.der())), file);
                }
                case "EC PRIVATE KEY" -> {
                    refuseEncrypted(block, file);
                    byte[] curve = Der.sec1Curve(block.der()).orElseThrow(() ->
                            new GeneralSecurityException(file + ": the EC key does not name its curve"));
                    return pkcs8(sequence(integerZero(), sequence(EC_PUBLIC_KEY_OID, curve), octetString(block.der())), file);
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(file
                        + ": the key is encrypted; decrypt it first: openssl pkcs8 -in KEY -out KEY.plain");
                default -> {
                    // certificates and parameters are not keys: look further
                }
            }
        }
        throw new GeneralSecurityException(file + ": no BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException notThisOne) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(file + ": unsupported private key (RSA, EC, Ed25519 and Ed448 are read)");
    }

    private static void refuseEncrypted(Block block, Path file) throws GeneralSecurityException {
        if (block.encrypted()) {
            throw new GeneralSecurityException(file + ": the key is encrypted; decrypt it first: openssl pkey -in KEY -out KEY.plain");
        }
    }

    private record Block(String type, byte[] der, boolean encrypted) {
    }

    private static List<Block> blocks(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2);
            boolean encrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
            if (body.contains(":")) {
                body = body.substring(body.lastIndexOf(':'));   // RFC 1421 headers, then a blank line, then base64
                body = body.substring(body.indexOf('\n') + 1);
            }
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(body), encrypted));
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException(file + ": bad base64 in a " + matcher.group(1) + " block", e);
            }
        }
        return blocks;
    }

    private static byte[] integerZero() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] octetString(byte[] content) {
        return Der.tlv(0x04, content);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return Der.tlv(0x30, content.toByteArray());
    }
}
