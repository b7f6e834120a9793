package dev.gatehouse.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {
    @Test
    void should_convert_decimal_amounts_to_nano_units_exactly() {
        assertThat(Money.nanos("10.00", "--amount")).isEqualTo(10_000_000_000L);
        assertThat(Money.nanos("0.1", "--amount")).isEqualTo(100_000_000L);
        assertThat(Money.nanos("0.000000001", "--amount")).isEqualTo(1L);
        assertThat(Money.nanos("1.5000000000000", "--amount")).isEqualTo(1_500_000_000L); // trailing zeros are no precision
        assertThat(Money.nanos("0", "--amount")).isZero();
    }

    @Test
    void should_refuse_negatives_extra_decimals_overflow_and_text() {
        assertThatThrownBy(() -> Money.nanos("-0.01", "--amount")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Money.nanos("0.0000000001", "--amount")).hasMessageContaining("more than 9 decimal places");
        assertThatThrownBy(() -> Money.nanos("100000000000", "--amount")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Money.nanos("1,5", "--amount")).hasMessageContaining("decimal amount");
        assertThatThrownBy(() -> Money.positiveNanos("0.000", "--amount")).hasMessageContaining("more than zero");
    }

    @Test
    void should_format_nano_units_with_at_least_two_decimals() {
        assertThat(Money.format(10_000_000_000L)).isEqualTo("10.00");
        assertThat(Money.format(2_500L)).isEqualTo("0.0000025");
        assertThat(Money.format(-1_230_000_000L)).isEqualTo("-1.23");
    }
}
