package dev.gatehouse.audit;

import dev.gatehouse.store.Database;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.gatehouse.audit.AuditLogTest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditRetentionTest {
    private static final Instant JAN_2025 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant SEP_2025 = Instant.parse("2025-09-01T00:00:00Z");

    @TempDir
    Path dir;

    private AuditLog logAt(Database db, Instant now) {
        return new AuditLog(db, AuditKey.loadOrCreate(dir.resolve("audit.key")), 3, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The default (request decisions, 6 months) and policy denials kept two years. */
    private AuditRetention retentionAt(Database db, Instant now) {
        Map<AuditCategory, Period> periods = Map.of(AuditCategory.REQUEST_DECISION, Period.ofMonths(6), AuditCategory.POLICY_DENIAL, Period.ofYears(2));
        assertThat(periods).containsAllEntriesOf(AuditRetention.DEFAULT_PERIODS);
        return new AuditRetention(logAt(db, now), periods, Clock.fixed(now, ZoneOffset.UTC));
    }

    private VerifyResult verify(Database db) {
        return new AuditVerifier(db, AuditKey.publicOnly(dir.resolve("audit.key.pub"))).verify();
    }

    /** seq 1, 2: request decisions and 3: a policy denial in January 2025; 4: admin; 5: request decision and 6: denial in September 2025. */
    private void seed(Database db) {
        AuditLog old = logAt(db, JAN_2025);
        old.append(new AuditEntry(AuditCategory.REQUEST_DECISION, "key_a", "allow", "req_1", null, "{\"route\":\"cn\"}"));
        old.append(new AuditEntry(AuditCategory.REQUEST_DECISION, "key_a", "deny", "req_2", null, "{\"route\":\"us\"}"));
        old.append(AuditEntry.of(AuditCategory.POLICY_DENIAL, "key_a", "policy.embargo", "req_0"));
        old.append(AuditEntry.of(AuditCategory.ADMIN, "root", "key.create", "key_a"));
        AuditLog recent = logAt(db, SEP_2025);
        recent.append(AuditEntry.of(AuditCategory.REQUEST_DECISION, "key_a", "allow", "req_3"));
        recent.append(AuditEntry.of(AuditCategory.POLICY_DENIAL, "key_a", "policy.embargo", "req_4"));
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_erase_entries_past_their_period_record_the_purge_and_still_verify(Supplier<Database> store) {
        try (Database db = store.get()) {
            seed(db);
            List<AuditRecord> purges = retentionAt(db, Instant.parse("2025-09-02T00:00:00Z")).runOnce();

            assertThat(purges).singleElement().satisfies(p -> {
                assertThat(p.seq()).isEqualTo(7);
                assertThat(p.entry().category()).isEqualTo(AuditCategory.RETENTION);
                assertThat(p.entry().afterJson()).isEqualTo(
                        "{\"category\":\"request_decision\",\"before\":\"2025-03-02T00:00:00Z\",\"up_to_seq\":6,\"purged\":2}");
            });
            List<AuditRecord> rows = AuditLog.tail(db, 10);
            assertThat(rows).extracting(AuditRecord::purged).containsExactly(true, true, false, false, false, false, false);
            assertThat(rows.getFirst().entry()).isEqualTo(new AuditEntry(AuditCategory.REQUEST_DECISION, "", "", null, null, null));
            assertThat(verify(db)).isEqualTo(new VerifyResult.Ok(7, 2));

            // two years on: the January denial and the September request decision go too
            List<AuditRecord> later = retentionAt(db, Instant.parse("2027-02-01T00:00:00Z")).runOnce();
            assertThat(later).hasSize(2);
            assertThat(AuditLog.tail(db, 10)).extracting(AuditRecord::purged)
                    .containsExactly(true, true, true, false, true, false, false, false, false);
            assertThat(verify(db)).isEqualTo(new VerifyResult.Ok(9, 3));
            assertThat(retentionAt(db, Instant.parse("2027-02-01T00:00:00Z")).runOnce()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_name_an_entry_erased_without_a_purge_record(Supplier<Database> store) {
        try (Database db = store.get()) {
            seed(db);
            retentionAt(db, Instant.parse("2025-09-02T00:00:00Z")).runOnce();
            // the admin entry is erased as a purge would, but no purge covers admin entries
            sql(db, "UPDATE audit_log SET actor = '', action = '', subject = NULL, purged = TRUE WHERE seq = 4");
            assertThat(verify(db)).isEqualTo(new VerifyResult.Broken(4, "entry 4 was erased, but no retention purge entry records it"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_name_an_entry_marked_purged_that_was_edited_instead(Supplier<Database> store) {
        try (Database db = store.get()) {
            seed(db);
            sql(db, "UPDATE audit_log SET action = 'allow', purged = TRUE WHERE seq = 2");
            assertThat(verify(db)).isEqualTo(new VerifyResult.Broken(2, "entry 2 is marked purged but still has content"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_name_a_purge_record_that_claims_more_than_was_erased(Supplier<Database> store) {
        try (Database db = store.get()) {
            seed(db);
            // a purge record appended honestly through the log, but no entry was actually erased
            logAt(db, SEP_2025).append(new AuditEntry(AuditCategory.RETENTION, "system:retention", "retention.purge", "kyc", null,
                    new PurgeMarker(AuditCategory.KYC, SEP_2025, 6, 1).toJson()));
            assertThat(verify(db)).isEqualTo(new VerifyResult.Broken(7,
                    "the retention purge at 7 records 1 erased entries, but 0 erased entries before it match it"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_never_purge_the_purge_records(Supplier<Database> store) {
        try (Database db = store.get()) {
            assertThatThrownBy(() -> logAt(db, SEP_2025).purge(AuditCategory.RETENTION, SEP_2025, "x"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AuditRetention(logAt(db, SEP_2025), Map.of(AuditCategory.RETENTION, Period.ofDays(1)),
                    Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_refuse_an_age_based_period_for_kyc_and_screening_entries(Supplier<Database> store) {
        try (Database db = store.get()) {
            assertThatThrownBy(() -> new AuditRetention(logAt(db, SEP_2025), Map.of(AuditCategory.KYC, Period.ofYears(2)), Clock.systemUTC()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compliance.kyc_retention");
            assertThatThrownBy(() -> logAt(db, SEP_2025).purge(AuditCategory.SCREENING, SEP_2025, "x"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_erase_one_customers_kyc_entries_by_seq_and_still_verify(Supplier<Database> store) {
        try (Database db = store.get()) {
            AuditLog log = logAt(db, JAN_2025);
            log.append(AuditEntry.of(AuditCategory.KYC, "usr_c", "kyc.cip_record", "cus_1"));      // 1
            log.append(AuditEntry.of(AuditCategory.KYC, "usr_c", "kyc.cip_record", "cus_2"));      // 2
            log.append(AuditEntry.of(AuditCategory.SCREENING, "usr_c", "screening.run", "cus_1")); // 3
            log.append(AuditEntry.of(AuditCategory.ADMIN, "root", "POST /customers", "cus_1"));    // 4

            List<AuditRecord> purges = log.purgeSubject("cus_1", List.of(AuditCategory.KYC, AuditCategory.SCREENING), "system:kyc-retention");

            assertThat(purges).extracting(r -> r.entry().afterJson()).containsExactly(
                    "{\"category\":\"kyc\",\"before\":\"2025-01-01T00:00:00Z\",\"up_to_seq\":4,\"purged\":1,\"subject\":\"cus_1\",\"seqs\":[1]}",
                    "{\"category\":\"screening\",\"before\":\"2025-01-01T00:00:00Z\",\"up_to_seq\":5,\"purged\":1,\"subject\":\"cus_1\",\"seqs\":[3]}");
            assertThat(AuditLog.tail(db, 10)).extracting(AuditRecord::purged).containsExactly(true, false, true, false, false, false);
            assertThat(verify(db)).isEqualTo(new VerifyResult.Ok(6, 2));

            // cus_2's entry of the same category and age erased by hand: no purge names it
            sql(db, "UPDATE audit_log SET actor = '', action = '', subject = NULL, purged = TRUE WHERE seq = 2");
            assertThat(verify(db)).isEqualTo(new VerifyResult.Broken(2, "entry 2 was erased, but no retention purge entry records it"));
        }
    }
}
