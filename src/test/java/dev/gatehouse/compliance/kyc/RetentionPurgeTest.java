package dev.gatehouse.compliance.kyc;

import dev.gatehouse.accounts.AccountChanges;
import dev.gatehouse.audit.TestAudit;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Thresholds;
import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention purge on both stores: only customers closed longer ago than the period lose their KYC records. */
class RetentionPurgeTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_purge_only_the_records_of_customers_closed_more_than_two_years_ago(Supplier<Database> store) {
        try (Database db = store.get()) {
            String longClosed = customerWithRecords(db, "Old Closed Ltd", T0, true);
            String recentlyClosed = customerWithRecords(db, "Recent Closed Ltd", T0.plusSeconds(365L * 86400), true);
            String active = customerWithRecords(db, "Still Active Ltd", T0, false);
            Clock later = Clock.fixed(T0.atOffset(ZoneOffset.UTC).plusYears(2).plusDays(1).toInstant(), ZoneOffset.UTC);

            List<RetentionPurge.Purged> purged = new RetentionPurge(db, TestAudit.log(db), later).run(RetentionPurge.DEFAULT_RETENTION);

            assertThat(purged).extracting(RetentionPurge.Purged::customerId).containsExactly(longClosed);
            assertThat(purged.getFirst().rows()).isGreaterThanOrEqualTo(3);
            CipStore cip = new CipStore(db, later, TestAudit.log(db));
            assertThat(cip.history(longClosed)).isEmpty();
            assertThat(cip.verifications(longClosed)).isEmpty();
            assertThat(cip.history(recentlyClosed)).hasSize(1);
            assertThat(cip.history(active)).hasSize(1);
            CustomerScreening screening = new CustomerScreening(db, new CustomerStore(db, AccountChanges.NONE), new ScreeningLists(db, Thresholds.DEFAULTS), TestAudit.log(db));
            assertThat(screening.runs(longClosed)).isEmpty();
            assertThat(screening.runs(recentlyClosed)).hasSize(1);
            assertThat(new RetentionPurge(db, TestAudit.log(db), later).run(RetentionPurge.DEFAULT_RETENTION)).as("nothing left to purge").isEmpty();
        }
    }

    /** A customer with a CIP record, a verification step and a screening run, made at {@code at}, closed then if asked. */
    private static String customerWithRecords(Database db, String name, Instant at, boolean close) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        CustomerStore customers = new CustomerStore(db, AccountChanges.NONE, clock);
        String id = customers.create(new NewCustomer(name, CustomerKind.ENTERPRISE, "CN", null, null, null)).id();
        CustomerScreening screening = new CustomerScreening(db, customers, new ScreeningLists(db, Thresholds.DEFAULTS), TestAudit.log(db), clock);
        screening.cip().put(id, CipRecordTest.details(List.of(), List.of(), List.of()), "usr_c");
        screening.cip().verify(id, VerificationStatus.PENDING_REVIEW, "usr_c", "documents received", null, null);
        screening.screenCustomer(id, "created", "usr_test");
        if (close) customers.changeStatus(id, CustomerStatus.CLOSED);
        return id;
    }
}
