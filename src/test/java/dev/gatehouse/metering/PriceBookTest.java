package dev.gatehouse.metering;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceBookTest {
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_cost_a_usd_price_with_cached_input_in_both_currencies(Supplier<Database> store) {
        try (Database db = store.get()) {
            PriceStore prices = new PriceStore(db);
            Price p = prices.add("openai", "gpt-4o", "USD", bd("2.50"), bd("10.00"), bd("1.25"), JAN);
            try (PriceBook book = new PriceBook(prices, 7.2)) {
                // (800 x 2.50 + 200 x 1.25 + 500 x 10.00) / 1e6 USD = 0.00725 USD; x 7.2 = 0.0522 CNY
                Cost cost = book.cost("openai", "gpt-4o", JAN.plusSeconds(60), 1000, 200, 500);
                assertThat(cost).isEqualTo(new Cost(7_250_000, 52_200_000, p.id()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_cost_a_cny_price_and_charge_cached_tokens_the_input_price_when_it_has_no_cached_price(Supplier<Database> store) {
        try (Database db = store.get()) {
            PriceStore prices = new PriceStore(db);
            prices.add("deepseek", "deepseek-chat", "CNY", bd("0.8"), bd("2"), null, JAN);
            try (PriceBook book = new PriceBook(prices, 7.2)) {
                // (1000 x 0.8 + 333 x 2) / 1e6 CNY = 0.001466 CNY; / 7.2 = 0.000203611.1 USD, rounded half up
                Cost cost = book.cost("deepseek", "deepseek-chat", FEB, 1000, 300, 333);
                assertThat(cost.cnyNanos()).isEqualTo(1_466_000);
                assertThat(cost.usdNanos()).isEqualTo(203_611);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_apply_the_price_in_force_at_the_time_of_each_request_across_a_price_change(Supplier<Database> store) {
        try (Database db = store.get()) {
            PriceStore prices = new PriceStore(db);
            Price jan = prices.add("openai", "gpt-4o", "USD", bd("5"), bd("15"), null, JAN);
            Price feb = prices.add("openai", "gpt-4o", "USD", bd("2.5"), bd("10"), null, FEB);
            try (PriceBook book = new PriceBook(prices, 7)) {
                assertThat(book.cost("openai", "gpt-4o", JAN.minusSeconds(1), 1000, 0, 1000)).isEqualTo(Cost.NONE);
                Cost january = book.cost("openai", "gpt-4o", FEB.minusSeconds(1), 1000, 0, 1000);
                Cost february = book.cost("openai", "gpt-4o", FEB, 1000, 0, 1000);
                assertThat(january).isEqualTo(new Cost(20_000_000, 140_000_000, jan.id()));   // 1000 x 5 + 1000 x 15
                assertThat(february).isEqualTo(new Cost(12_500_000, 87_500_000, feb.id()));   // 1000 x 2.5 + 1000 x 10
                assertThat(prices.listEffectiveAt(FEB.minusSeconds(1))).containsExactly(jan);
                assertThat(prices.listEffectiveAt(FEB.plusSeconds(1))).containsExactly(feb);
                assertThat(prices.list()).containsExactly(jan, feb);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_say_a_record_is_unpriced_when_no_price_is_known_and_see_prices_added_later(Supplier<Database> store) {
        try (Database db = store.get()) {
            PriceStore prices = new PriceStore(db);
            try (PriceBook book = new PriceBook(prices, 7)) {
                Cost none = book.cost("anthropic", "claude-sonnet-4-5", FEB, 100, 0, 100);
                assertThat(none).isEqualTo(Cost.NONE);
                assertThat(none.priceId()).isNull();
                prices.add("anthropic", "claude-sonnet-4-5", "USD", bd("3"), bd("15"), bd("0.3"), JAN);
                assertThat(book.cost("anthropic", "claude-sonnet-4-5", FEB, 100, 0, 100).usdNanos()).isEqualTo(1_800_000);
                assertThat(book.cost("anthropic", "other-model", FEB, 100, 0, 100)).isEqualTo(Cost.NONE);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_refuse_bad_prices_with_the_field_named_and_write_nothing(Supplier<Database> store) {
        try (Database db = store.get()) {
            PriceStore prices = new PriceStore(db);
            assertInvalid(() -> prices.add("openai", "gpt-4o", "USD", bd("-1"), bd("1"), null, JAN), "input_per_million", "negative");
            assertInvalid(() -> prices.add("openai", "gpt-4o", "USD", bd("1"), bd("-0.01"), null, JAN), "output_per_million", "negative");
            assertInvalid(() -> prices.add("openai", "gpt-4o", "USD", bd("1"), bd("1"), bd("-2"), JAN), "cached_input_per_million", "negative");
            assertInvalid(() -> prices.add("openai", "gpt-4o", "EUR", bd("1"), bd("1"), null, JAN), "currency", "USD or CNY");
            assertInvalid(() -> prices.add(" ", "gpt-4o", "USD", bd("1"), bd("1"), null, JAN), "provider", "empty");
            assertInvalid(() -> prices.add("openai", null, "USD", bd("1"), bd("1"), null, JAN), "model", "empty");
            assertInvalid(() -> prices.add("openai", "gpt-4o", "USD", null, bd("1"), null, JAN), "input_per_million", "required");
            assertInvalid(() -> prices.add("openai", "gpt-4o", "USD", bd("0.0000001"), bd("1"), null, JAN), "input_per_million", "6 decimal");
            assertThat(prices.list()).isEmpty();
            prices.add("openai", "gpt-4o", "USD", bd("0"), bd("1"), null, JAN);
            assertInvalid(() -> prices.add("openai", "gpt-4o", "CNY", bd("1"), bd("1"), null, JAN), "effective_from", "already exists");
            assertThat(prices.list()).hasSize(1);
        }
    }

    private static void assertInvalid(Runnable call, String param, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    private static BigDecimal bd(String s) { return new BigDecimal(s); }
}
