package dev.gatehouse.policy.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PiiKindTest {

    @Test
    void should_classify_id_bank_card_and_passport_as_sensitive_under_pipl() {
        assertThat(PiiKind.values()).filteredOn(k -> k.sensitivity() == Sensitivity.SENSITIVE)
                .containsExactly(PiiKind.ID_NUMBER, PiiKind.BANK_CARD, PiiKind.PASSPORT);
    }

    @Test
    void should_normalise_formatting_variants_to_one_identifier() {
        assertThat(PiiKind.PHONE.normalise("0086 138-1234-5678")).isEqualTo("13812345678");
        assertThat(PiiKind.PHONE.normalise("138 1234")).isEqualTo("1381234");
        assertThat(PiiKind.BANK_CARD.normalise("4111-1111 1111-1111")).isEqualTo("4111111111111111");
        assertThat(PiiKind.ID_NUMBER.normalise("11010519491231002x")).isEqualTo("11010519491231002X");
        assertThat(PiiKind.EMAIL.normalise("Jane@Example.COM")).isEqualTo("jane@example.com");
        assertThat(PiiKind.IP.normalise("2001:DB8::1")).isEqualTo("2001:db8::1");
        assertThat(PiiKind.NAME.normalise(" Jane Doe ")).isEqualTo("jane doe");
    }

    @Test
    void should_reject_a_finding_whose_span_does_not_match_its_text() {
        assertThatThrownBy(() -> new Finding(PiiKind.EMAIL, 3, 5, "abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Finding(PiiKind.EMAIL, 3, 3, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
