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
 * Canonical bytes of an entry: the fields seq, ts, category, actor, action, subject, before_json,
 * after_json, in that order, each as a 4-byte big-endian length followed by that many bytes of
 * UTF-8; a null field is the length -1 and no bytes. seq is written in decimal, ts as
 * {@link Instant#toString()} at microsecond precision (what both databases keep), category as its
 * wire name. Length prefixes make the encoding unambiguous (no field can swallow the next), and
 * seq inside the hashed bytes means an entry moved to another place in the chain no longer matches.
 * <p>
 * {@code hash = hex(SHA-256(prev_hash || canonical))}, prev_hash being the previous entry's hash as
 * 64 lower-case ASCII hex characters ({@link #GENESIS} before the first entry).
 * <p>
 * A checkpoint signs {@code seq (8 bytes big-endian) || hash (64 ASCII hex characters)}.
 */
public final class Canonical {
    public static final String GENESIS = "0".repeat(64);

    private Canonical() {}

    public static byte[] entryBytes(long seq, Instant ts, AuditEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, Long.toString(seq));
        field(out, ts.toString());
        field(out, e.category().wire());
        field(out, e.actor());
        field(out, e.action());
        field(out, e.subject());
        field(out, e.beforeJson());
        field(out, e.afterJson());
        return out.toByteArray();
    }

    public static String hash(String prevHash, long seq, Instant ts, AuditEntry e) {
        MessageDigest sha = sha256();
        sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
        sha.update(entryBytes(seq, ts, e));
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
