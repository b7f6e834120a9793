package dev.gatehouse.accounts;

import dev.gatehouse.crypto.Sha256;
import dev.gatehouse.store.Ids;

import java.security.MessageDigest;

/**
 * The format of virtual keys: {@code gh-} + 8 public characters + {@code -} + 32 secret
 * characters, all base-32 from a secure source (160 secret bits). The public part, the
 * {@linkplain #prefixOf prefix}, finds the stored row; only SHA-256 of the whole key is stored
 * (the key is already high-entropy, so a fast hash suffices), compared in constant time.
 */
public final class ApiKeySecrets {
    static final String START = "gh-";
    private static final int PREFIX_CHARS = 8;
    private static final int SECRET_CHARS = 32;
    private static final int PREFIX_LENGTH = START.length() + PREFIX_CHARS;
    private static final int KEY_LENGTH = PREFIX_LENGTH + 1 + SECRET_CHARS;

    private ApiKeySecrets() {}

    /** A new random key. */
    public static String generate() {
        return START + Ids.random(PREFIX_CHARS) + "-" + Ids.random(SECRET_CHARS);
    }

    /** The public prefix of a key in this format (e.g. {@code gh-7kq2m9xa}), or null if it is not one. */
    public static String prefixOf(String key) {
        if (key == null || key.length() != KEY_LENGTH || !key.startsWith(START) || key.charAt(PREFIX_LENGTH) != '-') return null;
        return key.substring(0, PREFIX_LENGTH);
    }

    /** SHA-256 of the whole key, in lower-case hex (what the store keeps). */
    public static String hash(String key) {
        return Sha256.hex(key);
    }

    /** Whether {@code key} hashes to {@code storedHashHex}, compared in constant time. */
    public static boolean matches(String key, byte[] storedHash) {
        return MessageDigest.isEqual(Sha256.of(key), storedHash);
    }
}
