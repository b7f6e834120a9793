package dev.gatehouse.policy.pii;

import static dev.gatehouse.policy.pii.DetectorAssertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailTest {
    private final Email detector = new Email();

    @Test
    void should_find_addresses_in_chinese_and_english_sentences() {
        assertThat(found(detector, "邮箱是zhang.san+ai@mail.example.com.cn，谢谢")).containsExactly("zhang.san+ai@mail.example.com.cn");
        assertThat(found(detector, "Write to Jane_Doe@Example.org.")).containsExactly("Jane_Doe@Example.org");
    }

    @Test
    void should_not_flag_an_address_without_a_domain() {
        assertThat(found(detector, "a@b and user@localhost")).isEmpty();
    }

    @Test
    void should_not_flag_a_handle_or_a_decorator() {
        assertThat(found(detector, "ping @alice, see @Override")).isEmpty();
    }

    @Test
    void should_not_flag_a_domain_with_a_numeric_tld() {
        assertThat(found(detector, "git@10.0.0.1")).isEmpty();
    }
}
