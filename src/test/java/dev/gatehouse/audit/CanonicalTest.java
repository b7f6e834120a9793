package dev.gatehouse.audit;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chain's byte format is a promise to whoever verifies an exported trail with their own tools:
 * these hashes are rebuilt here from the format as documented, independently of the writer's code.
 */
class CanonicalTest {
    private static final Instant TS = Instant.parse("2026-11-23T01:02:03.456789Z");

    @Test
    void should_hash_the_body_as_length_prefixed_utf8_fields_with_minus_one_for_null() throws Exception {
        AuditEntry entry = new AuditEntry(AuditCategory.ADMIN, "usr_王", "key.create", "key_1", null, "{\"name\":\"é\"}");
        byte[] body = fields("usr_王", "key.create", "key_1", null, "{\"name\":\"é\"}");
        assertThat(Canonical.bodyDigest(entry)).isEqualTo(sha256Hex(body));
    }

    @Test
    void should_link_prev_hash_header_and_body_digest() throws Exception {
        AuditEntry entry = new AuditEntry(AuditCategory.REQUEST_DECISION, "key_9", "allow", "cus_1", null, "{}");
        String digest = Canonical.bodyDigest(entry);
        ByteArrayOutputStream link = new ByteArrayOutputStream();
        link.writeBytes(Canonical.GENESIS.getBytes(StandardCharsets.US_ASCII));
        link.writeBytes(fields("42", "2026-11-23T01:02:03.456789Z", AuditCategory.REQUEST_DECISION.wire()));
        link.writeBytes(digest.getBytes(StandardCharsets.US_ASCII));
        assertThat(Canonical.hash(Canonical.GENESIS, 42, TS, entry)).isEqualTo(sha256Hex(link.toByteArray()));
    }

    @Test
    void should_hash_alike_after_a_hash_that_failed_part_way_on_the_same_thread() {
        AuditEntry entry = new AuditEntry(AuditCategory.ADMIN, "usr_1", "key.create", "key_1", null, "{}");
        String before = Canonical.hash(Canonical.GENESIS, 7, TS, entry);

        assertThatThrownBy(() -> Canonical.hash(Canonical.GENESIS, 8, null, entry)).isInstanceOf(NullPointerException.class);

        assertThat(Canonical.hash(Canonical.GENESIS, 7, TS, entry)).isEqualTo(before);
    }

    private static byte[] fields(String... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (String v : values) {
            if (v == null) {
                out.writeInt(-1);
            } else {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256Hex(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
