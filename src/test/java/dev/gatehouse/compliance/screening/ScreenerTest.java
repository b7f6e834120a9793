package dev.gatehouse.compliance.screening;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Known hits and non-hits against the real lists, one rule at a time. */
class ScreenerTest {
    private static ScreeningResult screen(Subject s) { return RealLists.screener().screen(s); }

    private static Hit top(Subject s) {
        List<Hit> hits = screen(s).hits();
        assertThat(hits).as("hits of %s", s.names()).isNotEmpty();
        return hits.getFirst();
    }

    @Test
    void should_ignore_case_punctuation_diacritics_word_order_and_legal_forms() {
        assertThat(top(Subject.entity("banco nacional de cuba")).entryName()).isEqualTo("BANCO NACIONAL DE CUBA");
        assertThat(top(Subject.entity("Huawei Technologies Co., Ltd.")).score()).isEqualTo(1.0);
        assertThat(top(Subject.entity("HUAWEI TECHNOLOGIES GMBH")).score()).isEqualTo(1.0);
        Hit li = top(Subject.individual("Fangwei LI", null, null));
        assertThat(li.entryName()).isEqualTo("LI, Fangwei");
        assertThat(li.band()).isEqualTo(Band.BLOCK);
        assertThat(top(Subject.entity("Bánco Nacionál de Cúba")).entryName()).isEqualTo("BANCO NACIONAL DE CUBA");
    }

    @Test
    void should_expand_common_abbreviations() {
        Hit h = top(Subject.entity("Semiconductor Mfg Intl Corp"));
        assertThat(h.entryName()).startsWith("Semiconductor Manufacturing International");
        assertThat(h.score()).isEqualTo(1.0);
    }

    @Test
    void should_match_typos_fuzzily_in_the_review_band_and_say_so() {
        Hit h = top(Subject.entity("Huawai Technologies"));
        assertThat(h.entryName()).containsIgnoringCase("Huawei");
        assertThat(h.band()).isEqualTo(Band.REVIEW);
        assertThat(h.explanation()).anyMatch(w -> w.contains("huawai~huawei fuzzy (Jaro-Winkler 0.933)"));
    }

    @Test
    void should_match_aliases_like_names() {
        Hit h = top(Subject.individual("Karl Lee", null, null));
        assertThat(h.entryName()).isEqualTo("LI, Fangwei");
        assertThat(h.matchedName()).isEqualTo("LEE, Karl");
    }

    @Test
    void should_match_chinese_characters_through_pinyin_and_the_glossary() {
        Hit huawei = top(Subject.entity("华为技术有限公司"));
        assertThat(huawei.entryName()).containsIgnoringCase("Huawei Technologies");
        assertThat(huawei.band()).isEqualTo(Band.BLOCK);
        assertThat(huawei.explanation()).contains("华为→huawei (transliterated)", "技术→technology (glossary)", "有限公司 dropped (legal form)");
        Hit li = top(Subject.individual("李方伟", null, null));
        assertThat(li.entryName()).isEqualTo("LI, Fangwei");
        assertThat(li.explanation()).contains("李方伟→li fangwei (pinyin, family name first)");
        assertThat(top(Subject.entity("北京智源人工智能研究院")).entryName()).isEqualTo("Beijing Academy of Artificial Intelligence");
        assertThat(top(Subject.entity("中芯国际")).entryName()).startsWith("Semiconductor Manufacturing International");
        assertThat(top(Subject.entity("长江存储科技有限责任公司")).entryName()).startsWith("Yangtze Memory Technologies");
        Hit dji = top(Subject.entity("大疆创新"));
        assertThat(dji.matchedName()).isEqualTo("Da-Jiang Innovations");
        assertThat(dji.explanation()).anyMatch(w -> w.contains("equal when syllables are joined"));
    }

    @Test
    void should_match_short_acronyms_only_exactly() {
        assertThat(top(Subject.entity("SMIC")).explanation()).contains("acronym/short name 'SMIC' exact");
        assertThat(top(Subject.entity("YMTC")).entryName()).startsWith("Yangtze Memory Technologies");
        assertThat(top(Subject.entity("BAAI")).entryName()).isEqualTo("Beijing Academy of Artificial Intelligence");
        assertThat(screen(Subject.entity("SMIK")).hits()).isEmpty();
        assertThat(screen(Subject.entity("YMTK")).hits()).isEmpty();
    }

    @Test
    void should_let_dates_of_birth_and_nationality_raise_or_lower_a_persons_score() {
        Hit agrees = top(Subject.individual("Li Fangwei", LocalDate.of(1972, 9, 18), "CN"));
        assertThat(agrees.explanation()).anyMatch(w -> w.contains("date of birth 1972-09-18 agrees with entry's 1972-09-18 (+0.05)"));
        assertThat(agrees.band()).isEqualTo(Band.BLOCK);
        ScreeningResult common = screen(Subject.individual("Zhang Wei", LocalDate.of(1995, 4, 12), "CN"));
        assertThat(common.blocked()).isFalse();
        assertThat(RealLists.screener().candidates(Subject.individual("Zhang Wei", LocalDate.of(1995, 4, 12), "CN"), 0.5))
                .filteredOn(h -> h.entryName().equals("ZHANG, Wei"))
                .allSatisfy(h -> {
                    assertThat(h.score()).isLessThan(Thresholds.DEFAULTS.review());
                    assertThat(h.explanation()).anyMatch(w -> w.contains("contradicts entry's 1977-06-16 (-0.20)"));
                });
        assertThat(screen(Subject.individual("Zhang Wei", null, null)).blocked()).isTrue();
    }

    @Test
    void should_not_hit_ordinary_companies_and_people() {
        for (String name : List.of("Acme Widgets GmbH", "Northwind Traders Ltd", "北京小明餐饮管理有限公司", "Riverbend Veterinary Hospital")) {
            assertThat(screen(Subject.entity(name)).hits()).as(name).isEmpty();
        }
        assertThat(screen(Subject.individual("John Smith", LocalDate.of(1980, 1, 15), "US")).hits()).isEmpty();
    }

    @Test
    void should_band_hits_by_configurable_thresholds() {
        Screener strict = RealLists.screener().withThresholds(new Thresholds(0.95, 0.99));
        assertThat(strict.screen(Subject.entity("Huawai Technologies")).hits()).isEmpty();
        Screener lax = RealLists.screener().withThresholds(new Thresholds(0.80, 0.90));
        assertThat(lax.screen(Subject.entity("Huawai Technologies")).band()).isEqualTo(Band.BLOCK);
    }
}
