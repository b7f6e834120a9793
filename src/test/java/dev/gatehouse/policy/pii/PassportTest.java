package dev.gatehouse.policy.pii;

import static dev.gatehouse.policy.pii.DetectorAssertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PassportTest {
    private final Passport detector = new Passport();

    @Test
    void should_find_prc_passports_without_context() {
        assertThat(found(detector, "证件E12345678，旧证G87654321，新证EA1234567。"))
                .containsExactly("E12345678", "G87654321", "EA1234567");
    }

    @Test
    void should_find_a_generic_passport_number_after_the_word_passport() {
        assertThat(found(detector, "My passport number is K1234567.")).containsExactly("K1234567");
        assertThat(found(detector, "PASSPORT NO: AB123456")).containsExactly("AB123456");
        assertThat(found(detector, "他的护照号码是P12345678")).containsExactly("P12345678");
    }

    @Test
    void should_not_flag_a_generic_code_without_passport_context() {
        assertThat(found(detector, "Flight CA1234567 and ticket K1234567")).isEmpty();
    }

    @Test
    void should_not_flag_context_that_is_too_far_away() {
        String far = "passport" + " ".repeat(Passport.CONTEXT_WINDOW) + "K1234567";
        assertThat(found(detector, far)).isEmpty();
    }

    @Test
    void should_not_flag_lower_case_or_glued_tokens() {
        assertThat(found(detector, "passport e12345678 xE12345678 E12345678x")).isEmpty();
        assertThat(found(detector, "serial E123456789")).isEmpty();
    }

    @Test
    void should_not_flag_the_letters_i_or_o_in_the_new_prc_series_without_context() {
        assertThat(found(detector, "EI1234567 EO1234567")).isEmpty();
    }
}
