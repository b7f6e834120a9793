package dev.gatehouse.policy.pii;

import static dev.gatehouse.policy.pii.DetectorAssertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BankCardTest {
    private final BankCard detector = new BankCard();

    @Test
    void should_find_a_contiguous_union_pay_card_in_a_chinese_sentence() {
        assertThat(found(detector, "我的银行卡号6222021234567890128，开户行工商银行")).containsExactly("6222021234567890128");
    }

    @Test
    void should_find_grouped_cards_with_spaces_and_dashes() {
        assertThat(found(detector, "Visa 4111 1111 1111 1111, Amex 3782-822463-10005."))
                .containsExactly("4111 1111 1111 1111", "3782-822463-10005");
    }

    @Test
    void should_not_flag_a_16_digit_number_failing_luhn() {
        assertThat(found(detector, "tracking 1234567812345678")).isEmpty();
        assertThat(found(detector, "4111 1111 1111 1112")).isEmpty();
    }

    @Test
    void should_not_flag_too_short_or_too_long_runs() {
        assertThat(found(detector, "4111111111111111000000")).isEmpty();
        assertThat(found(detector, "411111111111")).isEmpty();
    }

    @Test
    void should_not_flag_a_timestamp_even_when_it_passes_luhn() {
        assertThat(BankCard.luhn("20261122123452")).isTrue();
        assertThat(found(detector, "20261122123456 and 20261122123452")).isEmpty();
    }

    @Test
    void should_not_flag_epoch_milliseconds_that_pass_luhn_but_find_a_13_digit_visa() {
        assertThat(BankCard.luhn("1710489045008")).isTrue();
        assertThat(found(detector, "\"ts\": 1710489045008")).isEmpty();
        assertThat(found(detector, "old Visa 4222222222222")).containsExactly("4222222222222");
    }

    @Test
    void should_not_flag_a_luhn_valid_number_labelled_as_an_order_or_tracking_number() {
        assertThat(BankCard.luhn("6222021234567890128")).isTrue();
        assertThat(found(detector, "订单号：6222021234567890128")).isEmpty();
        assertThat(found(detector, "Order #6222021234567890128 shipped")).isEmpty();
        assertThat(found(detector, "运单 6222021234567890128")).isEmpty();
        assertThat(found(detector, "tracking no. 6222021234567890128")).isEmpty();
        assertThat(found(detector, "{\"order_no\":\"6222021234567890128\"}")).isEmpty();
        assertThat(found(detector, "下单后请用卡6222021234567890128付款")).containsExactly("6222021234567890128");
        assertThat(found(detector, "in order to pay use 6222021234567890128")).containsExactly("6222021234567890128");
    }

    @Test
    void should_find_a_14_digit_diners_club_card() {
        assertThat(found(detector, "Diners 30569309025904")).containsExactly("30569309025904");
    }

    @Test
    void should_check_luhn() {
        assertThat(BankCard.luhn("4111111111111111")).isTrue();
        assertThat(BankCard.luhn("4111111111111112")).isFalse();
    }
}
