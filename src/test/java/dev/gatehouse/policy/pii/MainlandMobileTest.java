package dev.gatehouse.policy.pii;

import static dev.gatehouse.policy.pii.DetectorAssertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainlandMobileTest {
    private final MainlandMobile detector = new MainlandMobile();

    @Test
    void should_find_a_plain_mobile_number_in_a_chinese_sentence() {
        assertThat(found(detector, "请联系张先生，手机13812345678。")).containsExactly("13812345678");
    }

    @Test
    void should_find_numbers_with_country_prefix_and_separators() {
        assertThat(found(detector, "Call +86 138-1234-5678 or 0086 159 8765 4321, or +8619912345678."))
                .containsExactly("+86 138-1234-5678", "0086 159 8765 4321", "+8619912345678");
    }

    @Test
    void should_not_flag_an_11_digit_number_starting_12() {
        assertThat(found(detector, "code 12812345678")).isEmpty();
    }

    @Test
    void should_not_flag_a_phone_like_run_inside_a_timestamp_or_longer_number() {
        assertThat(found(detector, "at 20261122123456 the job ran")).isEmpty();
        assertThat(found(detector, "order 913812345678")).isEmpty();
        assertThat(found(detector, "order 138123456789")).isEmpty();
        assertThat(found(detector, "310115198511204566")).isEmpty();
    }

    @Test
    void should_not_flag_a_phone_like_run_glued_to_letters() {
        assertThat(found(detector, "SKU13812345678")).isEmpty();
    }
}
