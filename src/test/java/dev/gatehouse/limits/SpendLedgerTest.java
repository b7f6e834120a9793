package dev.gatehouse.limits;

import dev.gatehouse.store.Database;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpendLedgerTest {
    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");

    @Test
    void should_load_this_day_and_month_per_scope_from_the_usage_ledger() {
        try (Database db = TestStores.fresh("h2")) {
            TestStores.usage(db, NOW.minusSeconds(3600), "cus_a", "prj_a", "key_a", 10, 70);
            TestStores.usage(db, Instant.parse("2026-05-02T00:00:00Z"), "cus_a", "prj_b", "key_a", 5, 35);
            TestStores.usage(db, Instant.parse("2026-04-30T23:59:59Z"), "cus_a", "prj_a", "key_a", 1000, 7000);
            SpendLedger ledger = SpendLedger.load(db, Clock.fixed(NOW, ZoneOffset.UTC));
            assertThat(ledger.today(ScopeRef.customer("cus_a"))).isEqualTo(new Spend(10, 70));
            assertThat(ledger.thisMonth(ScopeRef.customer("cus_a"))).isEqualTo(new Spend(15, 105));
            assertThat(ledger.thisMonth(ScopeRef.project("prj_b"))).isEqualTo(new Spend(5, 35));
            assertThat(ledger.today(ScopeRef.project("prj_b"))).isEqualTo(Spend.ZERO);
            assertThat(ledger.thisMonth(ScopeRef.key("key_a"))).isEqualTo(new Spend(15, 105));
        }
    }

    @Test
    void should_start_a_new_day_and_month_from_zero_and_alert_a_soft_budget_once_per_period() {
        MutableClock clock = new MutableClock(NOW);
        SpendLedger ledger = new SpendLedger(clock);
        List<BudgetAlert> alerts = new ArrayList<>();
        BudgetGuard guard = new BudgetGuard(ledger, alerts::add);
        ScopeRef key = ScopeRef.key("key_z");
        Limits soft = Limits.none(key).withBudget(Currency.USD, 100L, 1000L, BudgetMode.SOFT);

        ledger.add(key, new Spend(150, 0));
        assertThat(guard.check(soft)).isNull();
        assertThat(guard.check(soft)).isNull();
        assertThat(alerts).extracting(BudgetAlert::period).containsExactly(BudgetAlert.Period.DAY);

        clock.now = Instant.parse("2026-05-21T00:00:01Z");
        assertThat(ledger.today(key)).isEqualTo(Spend.ZERO);
        assertThat(ledger.thisMonth(key)).isEqualTo(new Spend(150, 0));
        ledger.add(key, new Spend(120, 0));
        assertThat(guard.check(soft)).isNull();
        assertThat(alerts).as("a new day alerts again").hasSize(2);

        Limits hard = soft.withBudget(Currency.USD, 100L, 1000L, BudgetMode.HARD);
        BudgetGuard.Overrun o = guard.check(hard);
        assertThat(o.period()).isEqualTo(BudgetAlert.Period.DAY);
        assertThat(o.untilReset()).isEqualTo(java.time.Duration.ofSeconds(86_399));

        clock.now = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(ledger.thisMonth(key)).isEqualTo(Spend.ZERO);
        assertThat(guard.check(hard)).isNull();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) { this.now = now; }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
