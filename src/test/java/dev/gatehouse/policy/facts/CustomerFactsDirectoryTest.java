package dev.gatehouse.policy.facts;

import dev.gatehouse.accounts.AccountChanges;
import dev.gatehouse.audit.TestAudit;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.compliance.kyc.CaseStatus;
import dev.gatehouse.compliance.kyc.CipDetails;
import dev.gatehouse.compliance.kyc.CipStore;
import dev.gatehouse.compliance.kyc.CustomerScreening;
import dev.gatehouse.compliance.kyc.FixtureLists;
import dev.gatehouse.compliance.kyc.ScreeningCase;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Thresholds;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Jdbc;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Each fact from the real stores, on both databases; this instance's changes at once, another's within a refresh. */
class CustomerFactsDirectoryTest {
    private static final String BOTH = "dev.gatehouse.store.StoreFixtures#both";

    /** The stores of one gateway instance over a database, as the server wires them. */
    private record Stores(CustomerStore customers, CipStore cip, ScreeningLists lists, CustomerScreening screening) {
        static Stores over(Database db) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE);
            ScreeningLists lists = new ScreeningLists(db, Thresholds.DEFAULTS);
            return new Stores(customers, new CipStore(db, Clock.systemUTC(), TestAudit.log(db)), lists,
                    new CustomerScreening(db, customers, lists, TestAudit.log(db)));
        }

        String customer(String name, CustomerKind kind, String country) {
            return customers.create(new NewCustomer(name, kind, country, null, null, null)).id();
        }

        void marks(String id, boolean prcResident, boolean foreign) {
            cip.put(id, new CipDetails(null, null, foreign, prcResident, null, null, null, null, null, null), "officer@example.com");
        }

        void verify(String id) {
            cip.verify(id, VerificationStatus.PENDING_REVIEW, "officer@example.com", "", null, null);
            cip.verify(id, VerificationStatus.VERIFIED, "officer@example.com", "business licence checked", LocalDate.of(2027, 11, 1), null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void should_hold_kind_country_status_kyc_and_cip_flags_of_every_customer(Supplier<Database> store) {
        try (Database db = store.get()) {
            Stores s = Stores.over(db);
            String shanghai = s.customer("Shanghai Lanting Trading Co., Ltd.", CustomerKind.ENTERPRISE, "CN");
            s.marks(shanghai, true, true);
            s.verify(shanghai);
            String berlin = s.customer("Jonas Weber", CustomerKind.INDIVIDUAL, "DE");
            s.cip().verify(berlin, VerificationStatus.PENDING_REVIEW, "officer@example.com", "", null, null);
            String bare = s.customer("Riverbend Veterinary Hospital", CustomerKind.ENTERPRISE, "US");
            s.customers().changeStatus(bare, CustomerStatus.SUSPENDED);

            try (CustomerFactsDirectory d = CustomerFactsDirectory.start(db, Duration.ofHours(1))) {
                assertThat(d.size()).isEqualTo(3);
                assertThat(d.get(shanghai)).isEqualTo(new CustomerFacts(shanghai, CustomerKind.ENTERPRISE, "CN", CustomerStatus.ACTIVE,
                        VerificationStatus.VERIFIED, true, true, ScreeningState.CLEAR));
                assertThat(d.get(berlin)).isEqualTo(new CustomerFacts(berlin, CustomerKind.INDIVIDUAL, "DE", CustomerStatus.ACTIVE,
                        VerificationStatus.PENDING_REVIEW, false, false, ScreeningState.CLEAR));
                // no CIP record, no verification step: unverified, no flags
                assertThat(d.get(bare)).isEqualTo(new CustomerFacts(bare, CustomerKind.ENTERPRISE, "US", CustomerStatus.SUSPENDED,
                        VerificationStatus.UNVERIFIED, false, false, ScreeningState.CLEAR));
                assertThat(d.get("cus_nobody")).isNull();
                assertThat(d.get(null)).isNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void should_take_the_newest_cip_version_and_verification_step(Supplier<Database> store) {
        try (Database db = store.get()) {
            Stores s = Stores.over(db);
            String id = s.customer("Hangzhou Qiantang Robotics", CustomerKind.ENTERPRISE, "CN");
            s.marks(id, true, true);
            s.marks(id, false, true);
            s.verify(id);
            s.cip().verify(id, VerificationStatus.PENDING_REVIEW, "officer@example.com", "", null, "re-verification due");
            try (CustomerFactsDirectory d = CustomerFactsDirectory.start(db, Duration.ofHours(1))) {
                assertThat(d.get(id).prcResident()).isFalse();
                assertThat(d.get(id).foreign()).isTrue();
                assertThat(d.get(id).kyc()).isEqualTo(VerificationStatus.PENDING_REVIEW);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void should_summarise_screening_cases_as_clear_review_or_hit(Supplier<Database> store) {
        try (Database db = store.get(); CustomerFactsDirectory d = new CustomerFactsDirectory(db)) {
            Stores s = Stores.over(db);
            s.lists().importList(FixtureLists.of(FixtureLists.HUAWEI, FixtureLists.KENFA));
            String blocked = s.customer("华为技术有限公司", CustomerKind.ENTERPRISE, "CN");
            String reviewed = s.customer("Tianjin Kenfa Machinery", CustomerKind.ENTERPRISE, "CN");
            String clean = s.customer("Acme Widgets GmbH", CustomerKind.ENTERPRISE, "DE");
            ScreeningCase blockCase = s.screening().screenCustomer(blocked, "created", "officer@example.com").opened().getFirst();
            ScreeningCase reviewCase = s.screening().screenCustomer(reviewed, "created", "officer@example.com").opened().getFirst();
            s.screening().screenCustomer(clean, "created", "officer@example.com");
            d.refresh();
            assertThat(d.get(blocked).screening()).isEqualTo(ScreeningState.HIT);
            assertThat(d.get(blocked).status()).isEqualTo(CustomerStatus.SUSPENDED);
            assertThat(d.get(reviewed).screening()).isEqualTo(ScreeningState.REVIEW);
            assertThat(d.get(clean).screening()).isEqualTo(ScreeningState.CLEAR);

            // decisions: a false positive clears (and screening reactivates the customer), a true match is a hit
            s.screening().decide(blockCase.id(), CaseStatus.FALSE_POSITIVE, "officer@example.com", "a different company");
            s.screening().decide(reviewCase.id(), CaseStatus.TRUE_MATCH, "officer@example.com", "same address as the listed entity");
            d.changed(blocked);
            d.changed(reviewed);
            assertThat(d.get(blocked).screening()).isEqualTo(ScreeningState.CLEAR);
            assertThat(d.get(blocked).status()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(d.get(reviewed).screening()).isEqualTo(ScreeningState.HIT);
            assertThat(d.get(reviewed).status()).isEqualTo(CustomerStatus.SUSPENDED);
            assertThat(ScreeningState.HIT.wire()).isEqualTo("hit");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void should_apply_this_instances_change_at_once_and_another_instances_within_a_refresh(Supplier<Database> store) throws Exception {
        try (Database db = store.get()) {
            Stores here = Stores.over(db);
            String id = here.customer("Shenzhen Nanshan Logistics", CustomerKind.ENTERPRISE, "CN");
            try (CustomerFactsDirectory d = CustomerFactsDirectory.start(db, Duration.ofMillis(100))) {
                assertThat(d.get(id).prcResident()).isFalse();

                // this instance's own change: blocking reload, visible at once
                here.marks(id, true, false);
                d.changed(id);
                assertThat(d.get(id).prcResident()).isTrue();

                // another instance's stores, each kind of change: picked up by the background refresh
                Stores there = Stores.over(db);
                there.verify(id);
                await(d, id, f -> f.kyc() == VerificationStatus.VERIFIED);
                there.customers().changeStatus(id, CustomerStatus.SUSPENDED);
                await(d, id, f -> f.status() == CustomerStatus.SUSPENDED);
                there.marks(id, false, true);
                await(d, id, f -> !f.prcResident() && f.foreign());
                String newcomer = there.customer("Chengdu Jinjiang Foods", CustomerKind.INDIVIDUAL, "CN");
                await(d, newcomer, f -> f.kind() == CustomerKind.INDIVIDUAL);
                there.lists().importList(FixtureLists.of(FixtureLists.KENFA));
                String kenfa = there.customer("Tianjin Kenfa Machinery", CustomerKind.ENTERPRISE, "CN");
                await(d, kenfa, f -> f.screening() == ScreeningState.CLEAR);
                ScreeningCase k = there.screening().screenCustomer(kenfa, "created", "officer@example.com").opened().getFirst();
                await(d, kenfa, f -> f.screening() == ScreeningState.REVIEW);
                there.screening().decide(k.id(), CaseStatus.FALSE_POSITIVE, "officer@example.com", "another company");
                await(d, kenfa, f -> f.screening() == ScreeningState.CLEAR);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void should_read_a_change_whose_time_lags_behind_the_newest_seen_within_the_look_back(Supplier<Database> store) {
        try (Database db = store.get(); CustomerFactsDirectory d = new CustomerFactsDirectory(db)) {
            Stores s = Stores.over(db);
            String id = s.customer("Suzhou Gusu Textiles", CustomerKind.ENTERPRISE, "CN");
            d.refresh();
            // a writer whose clock is 10 s behind commits after the newest change this directory saw
            db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET country = 'HK', updated_at = ? WHERE id = ?")) {
                    Jdbc.time(ps, 1, Jdbc.now(Clock.systemUTC()).minusSeconds(10));
                    ps.setString(2, id);
                    return ps.executeUpdate();
                }
            });
            d.refresh();
            assertThat(d.get(id).country()).isEqualTo("HK");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void should_reload_more_changed_customers_than_one_query_takes(Supplier<Database> store) {
        try (Database db = store.get(); CustomerFactsDirectory d = new CustomerFactsDirectory(db)) {
            d.refresh();
            int n = FactsQuery.CHUNK + 20;
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, name, kind, country, status, created_at, updated_at)"
                        + " VALUES (?, ?, 'individual', 'DE', 'active', ?, ?)")) {
                    for (int i = 0; i < n; i++) {
                        ps.setString(1, "cus_bulk" + i);
                        ps.setString(2, "Bulk Customer " + i);
                        Jdbc.time(ps, 3, Jdbc.now(Clock.systemUTC()));
                        Jdbc.time(ps, 4, Jdbc.now(Clock.systemUTC()));
                        ps.addBatch();
                    }
                    return ps.executeBatch().length;
                }
            });
            d.refresh();
            assertThat(d.size()).isEqualTo(n);
            assertThat(d.get("cus_bulk" + (n - 1)).country()).isEqualTo("DE");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(BOTH)
    void should_read_one_customer_for_the_explain_endpoint_without_changing_what_is_held(Supplier<Database> store) {
        try (Database db = store.get(); CustomerFactsDirectory d = CustomerFactsDirectory.start(db, Duration.ofHours(1))) {
            Stores s = Stores.over(db);
            String id = s.customer("Ningbo Harbour Tools", CustomerKind.ENTERPRISE, "CN");
            assertThat(d.get(id)).isNull();
            assertThat(d.load(id)).hasValueSatisfying(f -> assertThat(f.country()).isEqualTo("CN"));
            assertThat(d.get(id)).as("load only reads").isNull();
            assertThat(d.load("cus_nobody")).isEmpty();
        }
    }

    private static void await(CustomerFactsDirectory d, String id, Predicate<CustomerFacts> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            CustomerFacts f = d.get(id);
            if (f != null && done.test(f)) return;
            Thread.sleep(20);
        }
        assertThat(d.get(id)).as("facts of " + id + " after the refresh").matches(f -> f != null && done.test(f));
    }
}
