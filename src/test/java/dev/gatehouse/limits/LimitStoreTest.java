package dev.gatehouse.limits;

import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LimitStoreTest {

    @ParameterizedTest
    @MethodSource("dev.gatehouse.limits.TestStores#kinds")
    void should_store_limits_and_serve_them_from_memory_after_every_change(String kind) {
        try (Database db = TestStores.fresh(kind)) {
            LimitStore store = new LimitStore(db);
            ScopeRef key = ScopeRef.key("key_0123456789ab");
            assertThat(store.find(key)).isNull();

            Limits limits = new Limits(key, 60, 10_000L, 4, Currency.USD, 5_000_000_000L, null, BudgetMode.SOFT);
            store.put(limits);
            assertThat(store.find(key)).isEqualTo(limits);
            assertThat(store.get(key)).contains(limits);

            Limits changed = limits.withRequestsPerMinute(120).withBudget(Currency.CNY, null, 7L, BudgetMode.HARD);
            store.put(changed);
            assertThat(store.find(key)).isEqualTo(changed);
            assertThat(new LimitStore(db).find(key)).as("a new instance loads what was stored").isEqualTo(changed);

            assertThat(store.delete(key)).isTrue();
            assertThat(store.find(key)).isNull();
            assertThat(store.get(key)).isEmpty();
            assertThat(store.delete(key)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.limits.TestStores#kinds")
    void should_refuse_negative_limits_and_unknown_currencies_naming_the_field_and_change_nothing(String kind) {
        try (Database db = TestStores.fresh(kind)) {
            LimitStore store = new LimitStore(db);
            ScopeRef customer = ScopeRef.customer("cus_1");
            Limits valid = new Limits(customer, 10, null, null, null, null, null, null);
            store.put(valid);

            ValidationException negative = catchThrowableOfType(ValidationException.class,
                    () -> store.put(valid.withRequestsPerMinute(-5)));
            assertThat(negative.field()).isEqualTo("requests_per_minute");
            assertThat(negative).hasMessageContaining("positive").hasMessageContaining("-5");

            assertThat(catchThrowableOfType(ValidationException.class, () -> valid.withTokensPerMinute(0L)).field())
                    .isEqualTo("tokens_per_minute");
            assertThat(catchThrowableOfType(ValidationException.class, () -> valid.withConcurrentRequests(-1)).field())
                    .isEqualTo("concurrent_requests");
            assertThat(catchThrowableOfType(ValidationException.class,
                    () -> valid.withBudget(Currency.USD, -1L, null, BudgetMode.HARD)).field()).isEqualTo("budget_day_nanos");
            assertThat(catchThrowableOfType(ValidationException.class,
                    () -> valid.withBudget(null, 100L, null, BudgetMode.HARD)).field()).isEqualTo("budget_currency");
            assertThat(catchThrowableOfType(ValidationException.class, () -> Currency.parse("EUR", "budget_currency")))
                    .hasMessageContaining("'EUR'").extracting(ValidationException::field).isEqualTo("budget_currency");
            assertThatThrownBy(() -> BudgetMode.parse("maybe", "budget_mode")).isInstanceOf(ValidationException.class);

            assertThat(store.find(customer)).isEqualTo(valid);
            assertThat(store.get(customer)).contains(valid);
            assertThat(store.list()).containsExactly(valid);
        }
    }
}
