package dev.gatehouse.audit;

import dev.gatehouse.store.Database;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

import static dev.gatehouse.audit.AuditLogTest.appendSome;
import static dev.gatehouse.audit.AuditLogTest.sql;
import static org.assertj.core.api.Assertions.assertThat;

/** Each test damages a stored chain the way an attacker with database access would, and verify must name where. */
class AuditTamperTest {
    @TempDir
    Path dir;

    private AuditVerifier chainOf(Database db, int entries, int checkpointEvery) {
        AuditKey key = AuditKey.loadOrCreate(dir.resolve("audit.key"));
        appendSome(new AuditLog(db, key, checkpointEvery, Clock.systemUTC()), entries);
        AuditVerifier verifier = new AuditVerifier(db, AuditKey.publicOnly(dir.resolve("audit.key.pub")));
        assertThat(verifier.verify()).isInstanceOf(VerifyResult.Ok.class);
        return verifier;
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_name_the_entry_whose_action_was_edited(Supplier<Database> store) {
        try (Database db = store.get()) {
            AuditVerifier verifier = chainOf(db, 6, 1_000);
            sql(db, "UPDATE audit_log SET action = 'key.create' WHERE seq = 4");
            assertThat(verifier.verify()).isInstanceOfSatisfying(VerifyResult.Broken.class, b -> {
                assertThat(b.firstBadSeq()).isEqualTo(4);
                assertThat(b.reason()).contains("edited");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_name_the_gap_when_a_middle_entry_is_deleted(Supplier<Database> store) {
        try (Database db = store.get()) {
            AuditVerifier verifier = chainOf(db, 6, 1_000);
            sql(db, "DELETE FROM audit_log WHERE seq = 3");
            assertThat(verifier.verify()).isInstanceOfSatisfying(VerifyResult.Broken.class, b -> {
                assertThat(b.firstBadSeq()).isEqualTo(3);
                assertThat(b.reason()).contains("entry 3 is missing");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_notice_entries_deleted_from_the_end(Supplier<Database> store) {
        try (Database db = store.get()) {
            AuditVerifier verifier = chainOf(db, 6, 1_000);
            sql(db, "DELETE FROM audit_log WHERE seq >= 5");
            assertThat(verifier.verify()).isEqualTo(new VerifyResult.Broken(5,
                    "entries 5..6 are missing (deleted): the chain's head is at 6"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_name_an_entry_moved_to_another_place(Supplier<Database> store) {
        try (Database db = store.get()) {
            AuditVerifier verifier = chainOf(db, 6, 1_000);
            sql(db, "UPDATE audit_log SET seq = -1 WHERE seq = 2");
            sql(db, "UPDATE audit_log SET seq = 2 WHERE seq = 3");
            sql(db, "UPDATE audit_log SET seq = 3 WHERE seq = -1");
            assertThat(verifier.verify()).isInstanceOfSatisfying(VerifyResult.Broken.class, b -> {
                assertThat(b.firstBadSeq()).isEqualTo(2);
                assertThat(b.reason()).contains("reordered");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_name_a_checkpoint_with_a_forged_signature(Supplier<Database> store) {
        try (Database db = store.get()) {
            AuditVerifier verifier = chainOf(db, 6, 2);
            // signed with another key but claiming the trusted key's id
            AuditKey forger = AuditKey.loadOrCreate(dir.resolve("forger.key"));
            String hash = db.withConnection(c -> {
                try (var ps = c.prepareStatement("SELECT hash FROM audit_checkpoints WHERE seq = 4"); var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            sql(db, "UPDATE audit_checkpoints SET signature = '" + forger.signBase64(Canonical.checkpointBytes(4, hash))
                    + "' WHERE seq = 4");
            assertThat(verifier.verify()).isEqualTo(new VerifyResult.Broken(4,
                    "the checkpoint at 4 has a bad signature (forged or altered)"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_catch_a_rewritten_chain_through_its_signed_checkpoint(Supplier<Database> store) {
        try (Database db = store.get()) {
            AuditVerifier verifier = chainOf(db, 4, 4);
            // the attacker edits entry 2 and recomputes every hash after it: only the checkpoint at 4 can tell
            AuditRecord[] rows = db.withConnection(c -> {
                try (var ps = c.prepareStatement("SELECT * FROM audit_log ORDER BY seq"); var rs = ps.executeQuery()) {
                    AuditRecord[] out = new AuditRecord[4];
                    for (int i = 0; rs.next(); i++) out[i] = AuditReader.record(rs);
                    return out;
                }
            });
            String prev = rows[0].hash();
            for (int i = 1; i < 4; i++) {
                AuditRecord r = rows[i];
                AuditEntry e = i == 1 ? AuditEntry.of(AuditCategory.ADMIN, "someone-else", "key.revoke", "key_2") : r.entry();
                String hash = Canonical.hash(prev, r.seq(), r.ts(), e);
                if (i == 1) {
                    sql(db, "UPDATE audit_log SET actor = 'someone-else', before_json = NULL, after_json = NULL WHERE seq = 2");
                }
                sql(db, "UPDATE audit_log SET prev_hash = '" + prev + "', hash = '" + hash + "' WHERE seq = " + r.seq());
                prev = hash;
            }
            sql(db, "UPDATE audit_head SET hash = '" + prev + "'");
            assertThat(verifier.verify()).isInstanceOfSatisfying(VerifyResult.Broken.class, b -> {
                assertThat(b.firstBadSeq()).isEqualTo(4);
                assertThat(b.reason()).contains("chain was rewritten");
            });
        }
    }
}
