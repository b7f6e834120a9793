package dev.gatehouse.accounts;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.SecurityConfig;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts provider credentials at rest with AES-256-GCM: a random 12-byte nonce per encryption,
 * stored as base64(nonce || ciphertext || tag). A context string (which credential it is) is bound
 * in as associated data, so a ciphertext copied onto another row does not decrypt there.
 */
public final class Vault {
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private Vault(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
    }

    /**
     * The vault of the configured master key: {@code master_key} if set, else the key in
     * {@code master_key_file}, which is created (owner-only) with a fresh random key if missing.
     */
    public static Vault open(SecurityConfig config) {
        if (config.masterKey() != null) return new Vault(decodeKey(config.masterKey().value(), "security.master_key"));
        if (config.masterKeyFile() == null) throw new ConfigException("security: set master_key or master_key_file");
        return new Vault(readOrCreate(Path.of(config.masterKeyFile())));
    }

    /** A vault over a raw 32-byte key (tests, tools). */
    public static Vault ofKey(byte[] key) {
        if (key.length != KEY_BYTES) throw new IllegalArgumentException("the master key must be 32 bytes");
        return new Vault(key.clone());
    }

    /** A fresh random master key, base64-encoded, as {@code master_key} takes it. */
    public static String newMasterKey() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The plaintext; a {@link VaultException} if the key is wrong or the data or context was altered. */
    public String decrypt(String sealed, String context) {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new VaultException("stored credential is not valid base64", null);
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) throw new VaultException("stored credential is too short to be sealed", null);
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, NONCE_BYTES), context);
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new VaultException("stored credential failed authentication: wrong master key or altered data", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public String toString() { return "Vault[****]"; }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return c;
    }

    private static byte[] readOrCreate(Path file) {
        String where = "security.master_key_file " + file;
        try {
            if (!Files.exists(file)) create(file);
            return decodeKey(Files.readString(file, StandardCharsets.US_ASCII), where);
        } catch (IOException e) {
            throw new ConfigException(where + ": cannot read or create it: " + e.getMessage(), e);
        }
    }

    /** Writes a new key readable by the owner only; if another process won the race, its key stands. */
    private static void create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            return;
        }
        try {
            Files.writeString(file, newMasterKey() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static byte[] decodeKey(String base64, String where) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": the master key must be 32 bytes in base64 (it is not valid base64)");
        }
        if (k.length != KEY_BYTES) {
            throw new ConfigException(where + ": the master key must be 32 bytes in base64, not " + k.length + " bytes");
        }
        return k;
    }
}
