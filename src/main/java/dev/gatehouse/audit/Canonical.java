package dev.gatehouse.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    private Canonical() {}

    public static String bodyDigest(AuditEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, e.actor());
        field(out, e.action());
        field(out, e.subject());
        field(out, e.beforeJson());
        field(out, e.afterJson());
        return HexFormat.of().formatHex(sha256().digest(out.toByteArray()));
    }

    public static String hash(String prevHash, long seq, Instant ts, AuditEntry e) {
        return hash(prevHash, seq, ts, e.category(), bodyDigest(e));
    }

    /** The link hash from the header fields and the body's digest (all a purged entry still has). */
    public static String hash(String prevHash, long seq, Instant ts, AuditCategory category, String bodyDigest) {
        ByteArrayOutputStream header = new ByteArrayOutputStream(64);
        field(header, Long.toString(seq));
        field(header, ts.toString());
        field(header, category.wire());
        MessageDigest sha = sha256();
        sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
        sha.update(header.toByteArray());
        sha.update(bodyDigest.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha.digest());
    }

    public static byte[] checkpointBytes(long seq, String hash) {
        return ByteBuffer.allocate(8 + 64).putLong(seq).put(hash.getBytes(StandardCharsets.US_ASCII)).array();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void field(ByteArrayOutputStream out, String s) {
        if (s == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }
}
