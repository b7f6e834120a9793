package dev.gatehouse.audit;

import dev.gatehouse.crypto.Sha256;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain's byte formats, in one place so that writer and verifier cannot drift apart.
 * <p>
 * An entry is hashed in two parts. The header is seq, ts, category; the body is actor, action,
 * subject, before_json, after_json. Each part is its fields in that order, each field a 4-byte
 * big-endian length followed by that many bytes of UTF-8 (a null field: length -1, no bytes). seq
 * is written in decimal, ts as {@link Instant#toString()} at microsecond precision (what both
 * databases keep), category as its wire name. Length prefixes make the encoding unambiguous (no
 * field can swallow the next); seq inside the hashed bytes means an entry moved to another place in
 * the chain no longer matches.
 * <p>
 * {@code body_digest = hex(SHA-256(body))} and
 * {@code hash = hex(SHA-256(prev_hash || header || body_digest))}, prev_hash and body_digest as 64
 * lower-case ASCII hex characters ({@link #GENESIS} before the first entry). Hashing the body
 * through its digest is what lets a retention purge erase an entry's body (the personal data) yet
 * leave a stub (seq, ts, category, body_digest, hashes) that still links the chain.
 * <p>
 * A checkpoint signs {@code seq (8 bytes big-endian) || hash (64 ASCII hex characters)}.
 */
public final class Canonical {
    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();
    private Canonical() {}

    public static String bodyDigest(AuditEntry e) {
        MessageDigest sha = Sha256.digest(); // this thread's, reset: a hash that failed part-way leaves nothing behind
        field(sha, e.actor());
        field(sha, e.action());
        field(sha, e.subject());
        field(sha, e.beforeJson());
        field(sha, e.afterJson());
        return HEX.formatHex(sha.digest());
    }

    public static String hash(String prevHash, long seq, Instant ts, AuditEntry e) {
        return hash(prevHash, seq, ts, e.category(), bodyDigest(e));
    }

    /** The link hash from the header fields and the body's digest (all a purged entry still has). */
    public static String hash(String prevHash, long seq, Instant ts, AuditCategory category, String bodyDigest) {
        MessageDigest sha = Sha256.digest(); // this thread's, reset: a hash that failed part-way leaves nothing behind
        sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
        field(sha, Long.toString(seq));
        field(sha, ts.toString());
        field(sha, category.wire());
        sha.update(bodyDigest.getBytes(StandardCharsets.US_ASCII));
        return HEX.formatHex(sha.digest());
    }

    public static byte[] checkpointBytes(long seq, String hash) {
        return ByteBuffer.allocate(8 + 64).putLong(seq).put(hash.getBytes(StandardCharsets.US_ASCII)).array();
    }

    /** A field as the chain hashes it, straight into the digest: 4-byte big-endian length (-1 for null), then the UTF-8 bytes. */
    private static void field(MessageDigest sha, String s) {
        if (s == null) {
            length(sha, -1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        length(sha, b.length);
        sha.update(b);
    }

    /** In one update: a byte at a time costs a call through the digest's engine for each. */
    private static void length(MessageDigest sha, int n) {
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    }
}
