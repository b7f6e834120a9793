package dev.gatehouse.policy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = new Redactor(allDetectors());

    private static List<PiiDetector> allDetectors() {
        List<PiiDetector> detectors = new ArrayList<>(PiiDetector.defaults());
        detectors.add(new NameList(List.of("张三", "Jane Doe")));
        return detectors;
    }

    @Test
    void should_replace_every_kind_with_a_typed_placeholder() {
        var result = redactor.redact("张三，身份证310115198511204566，手机13812345678，卡号6222021234567890128，"
                + "邮箱zhang@example.com，护照E12345678，IP 192.168.1.10");
        assertThat(result.text()).isEqualTo("[NAME_1]，身份证[ID_NUMBER_1]，手机[PHONE_1]，卡号[BANK_CARD_1]，"
                + "邮箱[EMAIL_1]，护照[PASSPORT_1]，IP [IP_1]");
        assertThat(result.findings()).extracting(Finding::kind).containsExactly(PiiKind.NAME, PiiKind.ID_NUMBER,
                PiiKind.PHONE, PiiKind.BANK_CARD, PiiKind.EMAIL, PiiKind.PASSPORT, PiiKind.IP);
    }

    @Test
    void should_give_the_same_value_the_same_placeholder_and_different_values_new_numbers() {
        var result = redactor.redact("Call 13812345678, then +86 138 1234 5678, then 15987654321.");
        assertThat(result.text()).isEqualTo("Call [PHONE_1], then [PHONE_1], then [PHONE_2].");
    }

    @Test
    void should_keep_numbering_across_messages_of_one_request() {
        Redactor.Session session = redactor.newSession();
        assertThat(session.redact("I am Jane Doe, jane@example.com")).isEqualTo("I am [NAME_1], [EMAIL_1]");
        assertThat(session.redact("Email JANE@example.com or bob@example.com"))
                .isEqualTo("Email [EMAIL_1] or [EMAIL_2]");
        assertThat(session.map().size()).isEqualTo(3);
        assertThat(session.findings()).hasSize(4);
    }

    @Test
    void should_let_the_id_number_win_over_a_bank_card_reading_of_the_same_digits() {
        // this ID number is also Luhn-valid, so both detectors fire on the same span
        String luhnValidId = findLuhnValidId();
        assertThat(new BankCard().detect(luhnValidId)).hasSize(1);
        assertThat(redactor.redact("号码" + luhnValidId).text()).isEqualTo("号码[ID_NUMBER_1]");
    }

    private static String findLuhnValidId() {
        for (int seq = 100; seq < 1000; seq++) {
            String body = "11010519900307" + seq;
            String id = body + PrcResidentId.checkCharacter(body);
            if (Character.isDigit(id.charAt(17)) && BankCard.luhn(id)) {
                return id;
            }
        }
        throw new AssertionError("no Luhn-valid ID number in range");
    }

    @Test
    void should_let_the_longer_finding_win_over_a_shorter_one_inside_it() {
        List<Finding> resolved = Overlaps.resolve(List.of(
                new Finding(PiiKind.PHONE, 5, 16, "13812345678"),
                new Finding(PiiKind.BANK_CARD, 0, 19, "6222013812345678128")));
        assertThat(resolved).extracting(Finding::kind).containsExactly(PiiKind.BANK_CARD);
    }

    @Test
    void should_prefer_the_sensitive_kind_at_equal_length_regardless_of_input_order() {
        Finding name = new Finding(PiiKind.NAME, 0, 9, "E12345678");
        Finding passport = new Finding(PiiKind.PASSPORT, 0, 9, "E12345678");
        assertThat(Overlaps.resolve(List.of(name, passport))).containsExactly(passport);
        assertThat(Overlaps.resolve(List.of(passport, name))).containsExactly(passport);
    }

    @Test
    void should_restore_placeholders_in_a_complete_response() {
        var result = redactor.redact("My card is 4111 1111 1111 1111 and my mail jane@example.com");
        String response = "I cannot store [BANK_CARD_1]; I will write to [EMAIL_1]. [UNKNOWN_1] [EMAIL_9]";
        assertThat(result.map().restore(response))
                .isEqualTo("I cannot store 4111 1111 1111 1111; I will write to jane@example.com. [UNKNOWN_1] [EMAIL_9]");
    }

    @Test
    void should_leave_text_without_personal_data_unchanged() {
        // the order number has a wrong ID check digit and fails Luhn (a Luhn-valid one would read as a card)
        String text = "Version 1.2.3.4.5 built at 20261122123456, order 440304199003071232, a@b, 12812345678.";
        var result = redactor.redact(text);
        assertThat(result.text()).isEqualTo(text);
        assertThat(result.map().isEmpty()).isTrue();
    }

    @Test
    void should_not_reveal_values_in_to_string() {
        var result = redactor.redact("13812345678");
        assertThat(result.map().toString()).contains("[PHONE_1]").doesNotContain("13812345678");
    }
}
