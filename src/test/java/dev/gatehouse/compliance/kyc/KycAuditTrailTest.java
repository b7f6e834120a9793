package dev.gatehouse.compliance.kyc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.accounts.AccountChanges;
import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.CustomerUpdate;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.api.Json;
import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.TestAudit;
import dev.gatehouse.audit.VerifyResult;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Thresholds;
import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every KYC and screening decision, whichever path makes it, leaves its entry in the audit trail,
 * naming the actor; a refused change leaves none; and the chain still verifies afterwards, also
 * after the retention purge has erased a closed customer's entries.
 */
class KycAuditTrailTest {

    private record Rig(Database db, CustomerStore customers, ScreeningLists lists, CustomerScreening screening) {
        static Rig over(Database db, Clock clock) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE, clock);
            ScreeningLists lists = new ScreeningLists(db, Thresholds.DEFAULTS);
            return new Rig(db, customers, lists,
                    new CustomerScreening(db, customers, lists, TestAudit.log(db), clock).rescreenOnListChange("system:list-import"));
        }

        List<AuditEntry> entries(AuditCategory c) { return TestAudit.entries(db, c).stream().map(AuditRecord::entry).toList(); }

        AuditEntry last(AuditCategory c) { return entries(c).getLast(); }
    }

    private static JsonNode after(AuditEntry e) throws Exception { return Json.MAPPER.readTree(e.afterJson()); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_record_screening_suspensions_list_imports_rescreens_and_case_decisions(Supplier<Database> store) throws Exception {
        try (Database db = store.get()) {
            Rig rig = Rig.over(db, Clock.systemUTC());
            rig.lists().importList(FixtureLists.of(FixtureLists.KENFA));
            AuditEntry imported = rig.last(AuditCategory.SCREENING);
            assertThat(imported.action()).isEqualTo("screening.rescreen_all"); // nobody to rescreen yet, but the summary is there
            assertThat(rig.entries(AuditCategory.SCREENING)).extracting(AuditEntry::action)
                    .containsExactly("screening.list_import", "screening.rescreen_all");
            assertThat(rig.entries(AuditCategory.SCREENING).getFirst().subject()).isEqualTo(FixtureLists.LIST);

            // onboarding under a listed name: suspended, by whoever onboarded
            var listed = rig.screening().onboard(new NewCustomer("Tianjin Kenfa Precision Machinery Co", CustomerKind.ENTERPRISE,
                    "CN", null, null, null), "admin_key:key_ops");
            assertThat(listed.status()).isEqualTo(CustomerStatus.SUSPENDED);
            AuditEntry suspension = rig.last(AuditCategory.SCREENING);
            assertThat(suspension.action()).isEqualTo("screening.suspend");
            assertThat(suspension.actor()).isEqualTo("admin_key:key_ops");
            assertThat(suspension.subject()).isEqualTo(listed.id());
            assertThat(after(suspension).path("cause").asText()).isEqualTo("created");
            assertThat(after(suspension).path("top_hits").get(0).path("entry_id").asText()).isEqualTo("2");
            assertThat(after(suspension).path("cases_opened")).hasSize(1);

            var clean = rig.screening().onboard(new NewCustomer("Huawei Technologies Co Ltd", CustomerKind.ENTERPRISE, "CN", null, null, null), "cli:ops");
            assertThat(rig.last(AuditCategory.SCREENING).action()).as("a clean onboarding is a decision too").isEqualTo("screening.run");
            assertThat(after(rig.last(AuditCategory.SCREENING)).path("band").asText()).isEqualTo("none");

            // a list change: the import, the one customer it now suspends, and a summary; clean runs only counted
            int before = rig.entries(AuditCategory.SCREENING).size();
            rig.lists().importList(FixtureLists.of(FixtureLists.KENFA, FixtureLists.HUAWEI));
            List<AuditEntry> added = rig.entries(AuditCategory.SCREENING).subList(before, rig.entries(AuditCategory.SCREENING).size());
            assertThat(added).extracting(AuditEntry::action)
                    .containsExactly("screening.list_import", "screening.run", "screening.suspend", "screening.rescreen_all");
            assertThat(added).extracting(AuditEntry::actor).containsOnly("system:list-import");
            assertThat(added.get(2).subject()).isEqualTo(clean.id());
            assertThat(after(added.get(3)).path("suspended")).extracting(JsonNode::asText).containsExactly(clean.id());
            assertThat(after(added.get(3)).path("customers").asInt()).isEqualTo(2);

            // a case decision and the reactivation it causes
            ScreeningCase k = rig.screening().cases(clean.id(), CaseStatus.OPEN).getFirst();
            rig.screening().decide(k.id(), CaseStatus.FALSE_POSITIVE, "session:usr_comp", "registered in Shenzhen, not the listed entity");
            AuditEntry decision = rig.last(AuditCategory.SCREENING);
            assertThat(decision.action()).isEqualTo("screening.case_decision");
            assertThat(decision.actor()).isEqualTo("session:usr_comp");
            assertThat(Json.MAPPER.readTree(decision.beforeJson()).path("status").asText()).isEqualTo("open");
            assertThat(after(decision).path("decision").asText()).isEqualTo("false_positive");
            assertThat(after(decision).path("customer_status").asText()).isEqualTo("reactivated");
            assertThat(rig.customers().get(clean.id()).orElseThrow().status()).isEqualTo(CustomerStatus.ACTIVE);

            // renaming is screened, and recorded, as onboarding is
            rig.screening().update(clean.id(), new CustomerUpdate("Tianjin Kenfa Precision Machinery Company", null, null, null, null), "cli:ops");
            assertThat(rig.last(AuditCategory.SCREENING).action()).isEqualTo("screening.suspend");
            assertThat(after(rig.last(AuditCategory.SCREENING)).path("cause").asText()).isEqualTo("updated");

            assertThat(TestAudit.verify(db)).isInstanceOf(VerifyResult.Ok.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_record_cip_versions_by_digest_and_verification_steps_and_nothing_for_refused_changes(Supplier<Database> store) throws Exception {
        try (Database db = store.get()) {
            Rig rig = Rig.over(db, Clock.systemUTC());
            String id = rig.customers().create(new NewCustomer("Harbour Trading", CustomerKind.ENTERPRISE, "CN", null, null, null)).id();
            CipStore cip = rig.screening().cip();

            cip.put(id, CipRecordTest.details(List.of("海港贸易有限公司"), List.of(), List.of()), "session:usr_c");
            AuditEntry recorded = rig.last(AuditCategory.KYC);
            assertThat(recorded.action()).isEqualTo("kyc.cip_record");
            assertThat(recorded.actor()).isEqualTo("session:usr_c");
            assertThat(after(recorded).path("version").asInt()).isEqualTo(1);
            assertThat(after(recorded).path("sha256").asText()).hasSize(64);
            assertThat(recorded.afterJson()).as("the record's content stays in the CIP store").doesNotContain("海港", "Keyuan", "91440300");

            // a record with dates (birth, expiry) is stored and its stored text digested, dates and all
            CipDetails dated = new CipDetails(List.of(), List.of(), true, false, LocalDate.of(1980, 5, 1),
                    List.of(new CipDetails.IdentityEvidence("passport", "E12345678", "CN", LocalDate.of(2030, 1, 31))),
                    List.of(), List.of(), List.of(), List.of());
            assertThat(cip.put(id, dated, "session:usr_c").version()).isEqualTo(2);
            String stored = db.withConnection(c -> {
                try (var ps = c.prepareStatement("SELECT record_json FROM cip_records WHERE customer_id = ? AND version = 2")) {
                    ps.setString(1, id);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getString(1);
                    }
                }
            });
            assertThat(stored).contains("\"expiry\":\"2030-01-31\"");
            assertThat(after(rig.last(AuditCategory.KYC)).path("sha256").asText())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored.getBytes(StandardCharsets.UTF_8))));

            cip.verify(id, VerificationStatus.PENDING_REVIEW, "cli:ops", "licence received", null, null);
            cip.verify(id, VerificationStatus.VERIFIED, "cli:ops", "licence checked against SAMR", LocalDate.of(2028, 1, 31), null);
            AuditEntry verified = rig.last(AuditCategory.KYC);
            assertThat(verified.action()).isEqualTo("kyc.verification");
            assertThat(Json.MAPPER.readTree(verified.beforeJson()).path("status").asText()).isEqualTo("pending_review");
            assertThat(after(verified).path("status").asText()).isEqualTo("verified");
            assertThat(after(verified).path("reverify_on").asText()).isEqualTo("2028-01-31");
            int entries = AuditLog.tail(db, 1000).size();

            assertThatThrownBy(() -> cip.verify(id, VerificationStatus.REJECTED, "cli:ops", "x", null, null))
                    .isInstanceOf(AccountsException.Invalid.class).hasMessageContaining("verified cannot become rejected");
            assertThatThrownBy(() -> cip.verify("cus_nobody", VerificationStatus.PENDING_REVIEW, "cli:ops", "x", null, null))
                    .isInstanceOf(AccountsException.NotFound.class);
            assertThatThrownBy(() -> cip.put("cus_nobody", CipRecordTest.details(List.of(), List.of(), List.of()), "cli:ops"))
                    .isInstanceOf(AccountsException.NotFound.class);
            assertThat(AuditLog.tail(db, 1000)).as("refused changes leave no entry").hasSize(entries);
            assertThat(cip.verifications("cus_nobody")).isEmpty();
            assertThat(cip.history("cus_nobody")).isEmpty();
            assertThat(TestAudit.verify(db)).isInstanceOf(VerifyResult.Ok.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_erase_a_purged_customers_entries_record_the_purge_and_still_verify(Supplier<Database> store) throws Exception {
        try (Database db = store.get()) {
            Instant t0 = Instant.parse("2026-01-15T10:00:00Z");
            Rig old = Rig.over(db, Clock.fixed(t0, ZoneOffset.UTC));
            old.lists().importList(FixtureLists.of(FixtureLists.KENFA));
            String gone = old.screening().onboard(new NewCustomer("Closed Long Ago Ltd", CustomerKind.ENTERPRISE, "CN", null, null, null), "cli:ops").id();
            String kept = old.screening().onboard(new NewCustomer("Still Here Ltd", CustomerKind.ENTERPRISE, "CN", null, null, null), "cli:ops").id();
            old.screening().cip().put(gone, CipRecordTest.details(List.of(), List.of(), List.of()), "cli:ops");
            old.screening().cip().put(kept, CipRecordTest.details(List.of(), List.of(), List.of()), "cli:ops");
            old.customers().changeStatus(gone, CustomerStatus.CLOSED);

            Clock later = Clock.fixed(t0.atOffset(ZoneOffset.UTC).plusYears(2).plusDays(1).toInstant(), ZoneOffset.UTC);
            List<RetentionPurge.Purged> purged = new RetentionPurge(db, TestAudit.log(db), later).run(RetentionPurge.DEFAULT_RETENTION);

            assertThat(purged).extracting(RetentionPurge.Purged::customerId).containsExactly(gone);
            List<AuditRecord> all = AuditLog.tail(db, 1000);
            assertThat(all.stream().filter(r -> !r.purged() && gone.equals(r.entry().subject())).map(r -> r.entry().action()))
                    .as("of the purged customer only the record of the purge is left").containsExactly("kyc.retention_purge");
            AuditEntry purge = old.last(AuditCategory.KYC);
            assertThat(purge.actor()).isEqualTo("system:kyc-retention");
            assertThat(after(purge).path("retention").asText()).isEqualTo("P2Y");
            assertThat(after(purge).path("rows_deleted").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(all.stream().filter(AuditRecord::purged).count()).as("its cip entry and its screening run entry").isEqualTo(2);
            assertThat(all.stream().filter(r -> kept.equals(r.entry().subject()) && !r.purged())).hasSize(2);
            assertThat(TestAudit.entries(db, AuditCategory.RETENTION)).extracting(r -> r.entry().subject()).containsExactly("kyc", "screening");
            assertThat(TestAudit.verify(db)).isInstanceOf(VerifyResult.Ok.class);
        }
    }
}
