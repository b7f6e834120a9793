package dev.gatehouse.limits;

import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CreditStoreTest {
    private static final long DOLLAR = 1_000_000_000L;

    @ParameterizedTest
    @MethodSource("dev.gatehouse.limits.TestStores#kinds")
    void should_top_up_charge_in_memory_at_once_and_write_charges_in_batches(String kind) {
        try (Database db = TestStores.fresh(kind); CreditStore store = new CreditStore(db, Clock.systemUTC(), 60_000)) {
            String cus = TestStores.customer(db);
            assertThat(store.balances().hasAccount(cus)).isFalse();

            assertThat(store.topUp(cus, Currency.USD, 10 * DOLLAR, "invoice 1").balanceNanos()).isEqualTo(10 * DOLLAR);
            assertThat(store.balances().hasAccount(cus)).isTrue();

            store.balances().charge(cus, new Spend(DOLLAR, 7 * DOLLAR));
            store.balances().charge(cus, new Spend(2 * DOLLAR, 14 * DOLLAR));
            assertThat(store.balances().balance(cus).balanceNanos()).as("memory drops at once").isEqualTo(7 * DOLLAR);
            assertThat(stored(db, cus)).as("the database is written in batches, not per request").isEqualTo(10 * DOLLAR);
            assertThat(store.account(cus).orElseThrow().balanceNanos()).isEqualTo(7 * DOLLAR);

            store.balances().flush();
            assertThat(stored(db, cus)).isEqualTo(7 * DOLLAR);
            List<CreditTransaction> history = store.history(cus, 10);
            assertThat(history).extracting(CreditTransaction::kind)
                    .containsExactly(CreditTransaction.Kind.USAGE, CreditTransaction.Kind.TOPUP);
            assertThat(history.get(0).amountNanos()).as("one row for both charges").isEqualTo(-3 * DOLLAR);

            store.adjustDown(cus, DOLLAR, "refund of a mistaken top-up");
            assertThat(store.balances().balance(cus).balanceNanos()).isEqualTo(6 * DOLLAR);
            assertThat(stored(db, cus)).isEqualTo(6 * DOLLAR);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.limits.TestStores#kinds")
    void should_refuse_zero_amounts_and_a_second_currency_and_change_nothing(String kind) {
        try (Database db = TestStores.fresh(kind); CreditStore store = new CreditStore(db)) {
            String cus = TestStores.customer(db);
            store.topUp(cus, Currency.CNY, 5 * DOLLAR, null);

            assertThat(catchThrowableOfType(ValidationException.class, () -> store.topUp(cus, Currency.CNY, 0, null)).field())
                    .isEqualTo("amount_nanos");
            assertThat(catchThrowableOfType(ValidationException.class, () -> store.topUp(cus, Currency.USD, DOLLAR, null)))
                    .hasMessageContaining("CNY").extracting(ValidationException::field).isEqualTo("currency");
            assertThat(catchThrowableOfType(ValidationException.class, () -> store.createCodes(3, Currency.USD, 0, null)).field())
                    .isEqualTo("amount_nanos");
            assertThat(catchThrowableOfType(ValidationException.class, () -> store.createCodes(0, Currency.USD, DOLLAR, null)).field())
                    .isEqualTo("count");
            assertThat(catchThrowableOfType(ValidationException.class, () -> Currency.parse("XBT", "currency")).field())
                    .isEqualTo("currency");

            String usdCode = store.createCodes(1, Currency.USD, DOLLAR, null).get(0);
            assertThat(catchThrowableOfType(ValidationException.class, () -> store.redeem(cus, usdCode)).field()).isEqualTo("currency");
            String other = TestStores.customer(db);
            assertThat(store.redeem(other, usdCode).balanceNanos()).as("the refused redemption left the code unused").isEqualTo(DOLLAR);

            assertThat(stored(db, cus)).isEqualTo(5 * DOLLAR);
            assertThat(store.balances().balance(cus).balanceNanos()).isEqualTo(5 * DOLLAR);
            assertThat(store.history(cus, 10)).hasSize(1);
            assertThat(codeRows(db)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.limits.TestStores#kinds")
    void should_redeem_a_code_exactly_once_when_many_try_at_the_same_time(String kind) throws Exception {
        try (Database db = TestStores.fresh(kind); CreditStore store = new CreditStore(db)) {
            List<String> customers = new ArrayList<>();
            for (int i = 0; i < 8; i++) customers.add(TestStores.customer(db));
            String code = store.createCodes(1, Currency.USD, 3 * DOLLAR, null).get(0);
            assertThat(code).startsWith("ghc_");
            assertThat(hashes(db)).as("only the hash is stored").containsExactly(CreditStore.hash(code)).doesNotContain(code);

            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(customers.size())) {
                for (String cus : customers) {
                    Callable<Object> attempt = () -> {
                        start.await();
                        try {
                            return store.redeem(cus, code);
                        } catch (RedemptionException e) {
                            return e.reason();
                        }
                    };
                    results.add(pool.submit(attempt));
                }
                start.countDown();
                List<Object> outcomes = new ArrayList<>();
                for (Future<Object> f : results) outcomes.add(f.get());
                assertThat(outcomes).filteredOn(o -> o instanceof CreditAccount).hasSize(1);
                assertThat(outcomes).filteredOn(o -> o == RedemptionException.Reason.USED).hasSize(customers.size() - 1);
            }
            long credited = 0;
            for (String cus : customers) credited += store.account(cus).map(CreditAccount::balanceNanos).orElse(0L);
            assertThat(credited).isEqualTo(3 * DOLLAR);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.limits.TestStores#kinds")
    void should_tell_unknown_used_and_expired_codes_apart(String kind) {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        try (Database db = TestStores.fresh(kind);
             CreditStore today = new CreditStore(db, Clock.fixed(now, ZoneOffset.UTC), 200);
             CreditStore later = new CreditStore(db, Clock.fixed(now.plus(Duration.ofDays(2)), ZoneOffset.UTC), 200)) {
            String cus = TestStores.customer(db);
            List<String> codes = today.createCodes(2, Currency.USD, DOLLAR, now.plus(Duration.ofDays(1)));

            assertThat(today.redeem(cus, codes.get(0)).balanceNanos()).isEqualTo(DOLLAR);
            assertThat(catchThrowableOfType(RedemptionException.class, () -> today.redeem(cus, codes.get(0))).reason())
                    .isEqualTo(RedemptionException.Reason.USED);
            assertThat(catchThrowableOfType(RedemptionException.class, () -> later.redeem(cus, codes.get(1))).reason())
                    .isEqualTo(RedemptionException.Reason.EXPIRED);
            assertThat(catchThrowableOfType(RedemptionException.class, () -> today.redeem(cus, "ghc_nosuchcode")).reason())
                    .isEqualTo(RedemptionException.Reason.UNKNOWN);
            assertThat(stored(db, cus)).isEqualTo(DOLLAR);
            assertThat(today.history(cus, 10)).extracting(CreditTransaction::kind).containsExactly(CreditTransaction.Kind.REDEEM);
        }
    }

    static long stored(Database db, String customerId) {
        return db.withConnection(c -> CreditSql.account(c, customerId).balanceNanos());
    }

    private static long codeRows(Database db) {
        return db.withConnection(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM redemption_codes")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static List<String> hashes(Database db) {
        return db.withConnection(c -> {
            List<String> out = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT code_hash FROM redemption_codes")) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }
}
