package dev.gatehouse.policy.pii;

import static dev.gatehouse.policy.pii.DetectorAssertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameListTest {
    private final NameList detector = new NameList(List.of("张三", "Li", "Wang", "Wang Xiaoming", " "));

    @Test
    void should_find_chinese_names_as_substrings() {
        assertThat(found(detector, "请把报告发给张三和李四")).containsExactly("张三");
    }

    @Test
    void should_find_latin_names_as_whole_words_case_insensitively() {
        assertThat(found(detector, "Ask li or WANG XIAOMING about it")).containsExactly("li", "WANG XIAOMING");
        assertThat(found(detector, "Li先生到了")).containsExactly("Li");
    }

    @Test
    void should_not_flag_latin_names_inside_other_words() {
        assertThat(found(detector, "Lima, Wangaratta, Li2")).isEmpty();
    }

    @Test
    void should_find_nothing_with_an_empty_list() {
        assertThat(found(new NameList(List.of()), "张三 Li")).isEmpty();
    }
}
