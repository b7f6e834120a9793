package dev.gatehouse.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one way the gateway gets it. {@code MessageDigest.getInstance} looks the provider
 * up on every call, which cost more than hashing an API key itself (1.4 % of the core with routing
 * only, in the profile of docs/benchmarks/NOTES.md); so each thread keeps one digest and resets it
 * before each use.
 */
public final class Sha256 {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {}

    /**
     * This thread's digest, reset: a hash that failed part-way leaves nothing behind for the next.
     * The caller must finish with it ({@code digest()}) before anything else on the thread hashes.
     */
    public static MessageDigest digest() {
        MessageDigest sha = DIGEST.get();
        sha.reset();
        return sha;
    }

    public static byte[] of(byte[] bytes) {
        return digest().digest(bytes);
    }

    /** Of the text's UTF-8 bytes. */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex, 64 characters. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(of(bytes));
    }

    /** Of the text's UTF-8 bytes, in lower-case hex. */
    public static String hex(String text) {
        return HEX.formatHex(of(text));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
