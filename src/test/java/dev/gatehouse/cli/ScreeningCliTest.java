package dev.gatehouse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScreeningCliTest {
    private static final String DATA = "../shared/data/screening/";

    @Test
    void should_import_lists_show_their_status_and_screen_names_with_why(@TempDir Path dir) {
        Cli cli = Cli.h2(dir);
        Cli.Result none = cli.run("screen", "Huawei");
        assertThat(none.code()).as(none.toString()).isEqualTo(StoreRun.NOT_FOUND);
        assertThat(none.err()).contains("gatehouse lists import");

        Cli.Result imported = cli.run("lists", "import", "--sdn", DATA + "ofac-sdn-2024-05-03", "--un", DATA + "un/consolidated.xml");
        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("OFAC-SDN: 5000 entries read", "OFAC-SDN  2024-05-03", "UN        2026-02-27", "imported");
        Cli.Result again = cli.run("lists", "import", "--sdn", DATA + "ofac-sdn-2024-05-03");
        assertThat(again.out()).contains("unchanged");
        assertThat(cli.run("lists", "status").out()).contains("OFAC-SDN", "14965", "UN", "1003");

        Cli.Result hit = cli.run("screen", "李方伟", "--kind", "individual", "--dob", "1972-09-18");
        assertThat(hit.code()).as(hit.toString()).isZero();
        assertThat(hit.out()).contains("block", "OFAC-SDN  11447  LI, Fangwei", "李方伟→li fangwei", "agrees with entry's 1972-09-18");
        Cli.Result json = cli.run("screen", "Fangwei Li", "--dob", "1980-01-01", "--json", "--review", "0.5");
        assertThat(json.json().get(0).get("score").asDouble()).isEqualTo(0.8); // 1.0 for the name, -0.20 for the date of birth
        assertThat(json.json().get(0).get("band").asText()).isEqualTo("review");

        Cli.Result bad = cli.run("lists", "import", "--un", DATA + "csl/consolidated.csv");
        assertThat(bad.code()).isEqualTo(StoreRun.BAD_INPUT);
        assertThat(bad.err()).contains("consolidated.csv:1: broken XML", "lists in force are unchanged");
        assertThat(cli.run("screen", "--dob", "18/09/1972", "Li").err()).contains("--dob: a date as YYYY-MM-DD");
    }
}
