package dev.gatehouse.audit;

import dev.gatehouse.crypto.Sha256;

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
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key that signs checkpoints. The private key lives in a file (PKCS#8, base64, mode 600,
 * made on first use if missing); its public key beside it in {@code FILE.pub} (X.509, base64),
 * because the JDK cannot derive an Ed25519 public key from the private one. A verifier needs only
 * the public key, so it can run where the private key is not.
 */
public final class AuditKey {
    private final PrivateKey privateKey; // null for a verify-only key
    private final PublicKey publicKey;
    private final String keyId;

    private AuditKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
    }

    /** The signing key in {@code privateKeyFile}, created (with {@code FILE.pub}) if missing. */
    public static AuditKey loadOrCreate(Path privateKeyFile) {
        Path pub = publicFile(privateKeyFile);
        try {
            if (!Files.exists(privateKeyFile)) create(privateKeyFile, pub);
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(decode(privateKeyFile)));
            PublicKey pk = kf.generatePublic(new X509EncodedKeySpec(decode(pub)));
            return new AuditKey(priv, pk);
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

    public PublicKey publicKey() { return publicKey; }

    public String keyId() { return keyId; }

    public String signBase64(byte[] message) {
        if (privateKey == null) throw new IllegalStateException("this audit key can only verify");
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public boolean verify(byte[] message, String signatureBase64) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(message);
            return s.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // malformed base64 or signature bytes: not a valid signature
        }
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
