package dev.gatehouse.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountryCodesTest {
    @Test
    void should_know_the_iso_codes_and_kosovo_exactly_as_written() {
        for (String c : new String[] {"DE", "CN", "US", "HK", "MO", "TW", "IR", "KP", "XK", "AX"}) assertThat(CountryCodes.valid(c)).as(c).isTrue();
        for (String c : new String[] {"de", " DE", "UK", "EU", "XX", "CHN", "", "unknown"}) assertThat(CountryCodes.valid(c)).as(c).isFalse();
        assertThat(CountryCodes.valid(null)).isFalse();
        assertThat(CountryCodes.all()).hasSizeGreaterThanOrEqualTo(250).contains("XK");
    }

    @Test
    void should_normalise_loose_writing_and_refuse_what_is_no_country() {
        assertThat(CountryCodes.normalise(" de ")).isEqualTo("DE");
        assertThat(CountryCodes.normalise("xk")).isEqualTo("XK");
        assertThat(CountryCodes.normalise(null)).isNull();
        assertThatThrownBy(() -> CountryCodes.normalise(" UK"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'UK' is not an ISO 3166-1 alpha-2 country code such as DE, CN or US");
    }
}
