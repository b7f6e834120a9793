package dev.gatehouse.compliance.kyc;

import dev.gatehouse.accounts.AccountChanges;
import dev.gatehouse.audit.TestAudit;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.CustomerUpdate;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.compliance.screening.Band;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Thresholds;
import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Screening customers on both stores: suspension on a block hit, review cases, decisions as history, list changes. */
class CustomerScreeningTest {

    private record Rig(Database db, CustomerStore customers, ScreeningLists lists, CustomerScreening screening) {
        static Rig over(Database db) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE);
            ScreeningLists lists = new ScreeningLists(db, Thresholds.DEFAULTS);
            return new Rig(db, customers, lists, new CustomerScreening(db, customers, lists, TestAudit.log(db)).rescreenOnListChange("system:test"));
        }

        String customer(String name) {
            return customers.create(new NewCustomer(name, CustomerKind.ENTERPRISE, "CN", null, null, null)).id();
        }

        CustomerStatus status(String id) { return customers.get(id).orElseThrow().status(); }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_suspend_a_customer_named_like_a_listed_entity_and_open_a_block_case(Supplier<Database> store) {
        try (Database db = store.get()) {
            Rig rig = Rig.over(db);
            rig.lists().importList(FixtureLists.of(FixtureLists.HUAWEI, FixtureLists.KENFA));
            String clean = rig.customer("Acme Widgets GmbH");
            String listed = rig.customer("华为技术有限公司");

            assertThat(rig.screening().screenCustomer(clean, "created", "usr_test").run().band()).isEqualTo(Band.NONE);
            ScreeningOutcome out = rig.screening().screenCustomer(listed, "created", "usr_test");

            assertThat(out.suspended()).isTrue();
            assertThat(rig.status(listed)).isEqualTo(CustomerStatus.SUSPENDED);
            assertThat(rig.status(clean)).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(out.opened()).singleElement().satisfies(k -> {
                assertThat(k.hit().entryId()).isEqualTo("1");
                assertThat(k.hit().band()).isEqualTo(Band.BLOCK);
                assertThat(k.suspends()).isTrue();
                assertThat(k.status()).isEqualTo(CaseStatus.OPEN);
            });
            List<ScreeningRun> runs = rig.screening().runs(listed);
            assertThat(runs).singleElement().satisfies(r -> {
                assertThat(r.cause()).isEqualTo("created");
                assertThat(r.hits()).singleElement().satisfies(h -> {
                    assertThat(h.matchedName()).isEqualTo("Huawei Technologies Co., Ltd.");
                    assertThat(h.subjectName()).isEqualTo("华为技术有限公司");
                    assertThat(h.explanation()).isNotEmpty();
                });
            });
            // screening again while the case is open opens no second case
            assertThat(rig.screening().screenCustomer(listed, "on_demand", "usr_test").opened()).isEmpty();
            assertThat(rig.screening().cases(listed, null)).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_open_a_case_without_suspending_on_a_review_band_hit(Supplier<Database> store) {
        try (Database db = store.get()) {
            Rig rig = Rig.over(db);
            rig.lists().importList(FixtureLists.of(FixtureLists.KENFA));
            String id = rig.customer("Tianjin Kenfa Machinery");

            ScreeningOutcome out = rig.screening().screenCustomer(id, "created", "usr_test");

            assertThat(out.suspended()).isFalse();
            assertThat(rig.status(id)).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(out.opened()).singleElement().satisfies(k -> {
                assertThat(k.hit().band()).isEqualTo(Band.REVIEW);
                assertThat(k.suspends()).isFalse();
            });
            assertThat(rig.screening().cases(null, CaseStatus.OPEN)).extracting(ScreeningCase::customerId).containsExactly(id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_not_reopen_a_false_positive_on_rescreen_until_the_entry_changes(Supplier<Database> store) {
        try (Database db = store.get()) {
            Rig rig = Rig.over(db);
            rig.lists().importList(FixtureLists.of(FixtureLists.NORDWIND));
            String id = rig.customer("Nordwind Optical Systems Research Bureau");
            ScreeningCase opened = rig.screening().screenCustomer(id, "created", "usr_test").opened().getFirst();
            assertThat(rig.status(id)).isEqualTo(CustomerStatus.SUSPENDED);

            ScreeningCase cleared = rig.screening().decide(opened.id(), CaseStatus.FALSE_POSITIVE, "usr_compliance", "different registration, different country");

            assertThat(cleared.status()).isEqualTo(CaseStatus.FALSE_POSITIVE);
            assertThat(cleared.decisions()).singleElement().satisfies(d -> {
                assertThat(d.decidedBy()).isEqualTo("usr_compliance");
                assertThat(d.reason()).isEqualTo("different registration, different country");
            });
            assertThat(rig.status(id)).as("cleared: the suspension this hit caused is lifted").isEqualTo(CustomerStatus.ACTIVE);

            rig.screening().rescreenAll("rescreen_all", "usr_test");
            assertThat(rig.status(id)).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(rig.screening().cases(id, null)).hasSize(1);
            assertThat(rig.screening().runs(id)).hasSize(2);

            // the same entry with a new alias is a changed entry: the hit is looked at again
            rig.lists().importList(FixtureLists.of(FixtureLists.entity("3", FixtureLists.NORDWIND.name(), "RU", "NOSRB")));
            assertThat(rig.screening().cases(id, CaseStatus.OPEN)).hasSize(1);
            assertThat(rig.status(id)).isEqualTo(CustomerStatus.SUSPENDED);
            assertThat(rig.screening().cases(id, null)).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_suspend_an_existing_customer_when_a_list_update_adds_a_matching_entry(Supplier<Database> store) {
        try (Database db = store.get()) {
            Rig rig = Rig.over(db);
            rig.lists().importList(FixtureLists.of(FixtureLists.KENFA));
            String id = rig.customer("Huawei Technologies Co Ltd");
            assertThat(rig.screening().screenCustomer(id, "created", "usr_test").run().band()).isEqualTo(Band.NONE);

            rig.lists().importList(FixtureLists.of(FixtureLists.KENFA, FixtureLists.HUAWEI));

            assertThat(rig.status(id)).isEqualTo(CustomerStatus.SUSPENDED);
            assertThat(rig.screening().runs(id).getFirst().cause()).isEqualTo("list_change:" + FixtureLists.LIST);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_keep_a_true_match_suspended_and_suspend_on_a_renamed_customer(Supplier<Database> store) {
        try (Database db = store.get()) {
            Rig rig = Rig.over(db);
            rig.lists().importList(FixtureLists.of(FixtureLists.KENFA));
            String id = rig.customer("Tianjin Kenfa Machinery");
            ScreeningCase review = rig.screening().screenCustomer(id, "created", "usr_test").opened().getFirst();

            rig.screening().decide(review.id(), CaseStatus.TRUE_MATCH, "usr_compliance", "same address as the listed entity");
            assertThat(rig.status(id)).isEqualTo(CustomerStatus.SUSPENDED);
            rig.screening().rescreenAll("rescreen_all", "usr_test");
            assertThat(rig.status(id)).isEqualTo(CustomerStatus.SUSPENDED);
            assertThat(rig.screening().cases(id, CaseStatus.OPEN)).isEmpty();

            String other = rig.customer("Harbour Trading");
            rig.customers().update(other, new CustomerUpdate("Tianjin Kenfa Precision Machinery Co", null, null, null, null));
            assertThat(rig.screening().screenCustomer(other, "updated", "usr_test").suspended()).isTrue();
        }
    }
}
