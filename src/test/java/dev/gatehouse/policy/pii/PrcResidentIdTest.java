package dev.gatehouse.policy.pii;

import static dev.gatehouse.policy.pii.DetectorAssertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrcResidentIdTest {
    private final PrcResidentId detector = new PrcResidentId();

    @Test
    void should_find_an_id_number_in_a_chinese_sentence() {
        assertThat(found(detector, "我的身份证号是310115198511204566，请核对。")).containsExactly("310115198511204566");
    }

    @Test
    void should_find_an_id_number_with_an_x_check_character_in_either_case() {
        assertThat(found(detector, "ID: 11010519491231002X and 44030419900307123x"))
                .containsExactly("11010519491231002X", "44030419900307123x");
    }

    @Test
    void should_compute_the_iso_7064_check_character() {
        assertThat(PrcResidentId.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(PrcResidentId.checkCharacter("31011519851120456")).isEqualTo('6');
    }

    @Test
    void should_not_flag_an_18_digit_order_number_with_a_wrong_check_digit() {
        assertThat(found(detector, "订单号 440304199003071231 已发货")).isEmpty();
    }

    @Test
    void should_not_flag_a_number_whose_birth_date_is_not_a_real_date() {
        // 1990-02-30 with the check digit computed correctly for it
        assertThat(found(detector, "110105199002301231")).isEmpty();
    }

    @Test
    void should_not_flag_an_id_embedded_in_a_longer_digit_or_letter_run() {
        assertThat(found(detector, "9310115198511204566")).isEmpty();
        assertThat(found(detector, "A310115198511204566")).isEmpty();
        assertThat(found(detector, "3101151985112045661")).isEmpty();
    }

    @Test
    void should_not_flag_an_unknown_province_code() {
        String body = "99010519491231002";
        assertThat(found(detector, body + PrcResidentId.checkCharacter(body))).isEmpty();
    }
}
