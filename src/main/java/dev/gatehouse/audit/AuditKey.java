package dev.gatehouse.audit;

import dev.gatehouse.crypto.Sha256;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Ed25519 key that signs checkpoints. The private key lives in a file (PKCS#8, base64, mode 600,
 * made on first use if missing); its public key beside it in {@code FILE.pub} (X.509, base64), which
 * is all a verifier needs, so it can run where the private key is not. Loading the pair checks that
 * the {@code .pub} is the private key's own.
 * <p>The files are read with the JDK's key factory; signing and verifying use Bouncy Castle's
 * Ed25519, which signs some 20 times faster than the JDK's (27 against 573 µs here,
 * {@code AuditChainBenchmark}). Ed25519 signatures are deterministic, so both make the same bytes
 * for the same key and message, and a checkpoint signed by either verifies with the other.
 */
public final class AuditKey {
    private final Ed25519PrivateKeyParameters privateKey; // null for a verify-only key
    private final Ed25519PublicKeyParameters publicKey;
    private final String keyId;

    /** Both keys as the JDK's factory read them (so checked as Ed25519 keys); {@code privateKey} null for verify-only. */
    private AuditKey(PrivateKey privateKey, PublicKey publicKey) {
        byte[] x509 = publicKey.getEncoded(); // the raw 32-byte key is the content of its last element, a BIT STRING
        this.publicKey = new Ed25519PublicKeyParameters(x509, x509.length - Ed25519PublicKeyParameters.KEY_SIZE);
        this.privateKey = privateKey == null ? null
                : new Ed25519PrivateKeyParameters(((EdECPrivateKey) privateKey).getBytes().orElseThrow());
        this.keyId = keyId(publicKey);
    }

    /** Whether the public key is the private key's own (a .pub copied from another key would make every checkpoint unverifiable). */
    private boolean isPair() {
        return Arrays.equals(privateKey.generatePublicKey().getEncoded(), publicKey.getEncoded());
    }

    /** The signing key in {@code privateKeyFile}, created (with {@code FILE.pub}) if missing. */
    public static AuditKey loadOrCreate(Path privateKeyFile) {
        Path pub = publicFile(privateKeyFile);
        try {
            if (!Files.exists(privateKeyFile)) create(privateKeyFile, pub);
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(decode(privateKeyFile)));
            PublicKey pk = kf.generatePublic(new X509EncodedKeySpec(decode(pub)));
            AuditKey key = new AuditKey(priv, pk);
            if (!key.isPair()) {
                throw new IllegalStateException("the audit key " + privateKeyFile + " and " + pub + " are not one key pair: "
                        + pub.getFileName() + " must hold the public half of " + privateKeyFile.getFileName());
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit key " + privateKeyFile, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the audit key " + privateKeyFile + " (or its .pub) is not a base64 Ed25519 key", e);
        }
    }

    /** A verify-only key from a base64 X.509 public key file (e.g. {@code audit.key.pub}). */
    public static AuditKey publicOnly(Path publicKeyFile) {
        try {
            return new AuditKey(null, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(decode(publicKeyFile))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit public key " + publicKeyFile, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the audit public key " + publicKeyFile + " is not a base64 Ed25519 key", e);
        }
    }

    public static Path publicFile(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }

    public String keyId() { return keyId; }

    public String signBase64(byte[] message) {
        if (privateKey == null) throw new IllegalStateException("this audit key can only verify");
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        privateKey.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0); // its public key is derived once and kept
        return Base64.getEncoder().encodeToString(signature);
    }

    public boolean verify(byte[] message, String signatureBase64) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return false; // malformed base64: not a valid signature
        }
        return signature.length == Ed25519PrivateKeyParameters.SIGNATURE_SIZE
                && publicKey.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    }

    private static void create(Path priv, Path pub) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        if (priv.getParent() != null) Files.createDirectories(priv.getParent());
        try {
            if (Files.getFileStore(priv.getParent() == null ? Path.of(".") : priv.getParent())
                    .supportsFileAttributeView("posix")) {
                Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(priv);
            }
        } catch (FileAlreadyExistsException e) {
            return; // another process made it first; use theirs
        }
        Files.writeString(priv, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n", StandardCharsets.US_ASCII);
        Files.writeString(pub, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n", StandardCharsets.US_ASCII);
    }

    private static byte[] decode(Path file) throws IOException {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    private static String keyId(PublicKey key) {
        return Sha256.hex(key.getEncoded()).substring(0, 16);
    }
}
