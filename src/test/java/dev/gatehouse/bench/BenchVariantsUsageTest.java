package dev.gatehouse.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code bench/variants.sh} tells a user before it measures anything: its whole usage when
 * asked for nothing, and a clear refusal of a configuration it does not know, before it builds or
 * starts a process. (A measurement itself takes minutes; the harness's smoke test covers the
 * shared pieces it runs.)
 */
class BenchVariantsUsageTest {

    private static BenchScript variants(Map<String, String> env) throws Exception {
        return BenchScript.run(List.of("bash", "bench/variants.sh"), List.of("VARIANTS", "CONTROLS"), env);
    }

    @Test
    void should_print_the_whole_usage_when_no_variant_is_given() throws Exception {
        BenchScript run = variants(Map.of());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output())
                .contains("VARIANTS='JAVA_OPTS;JAVA_OPTS...' ./bench/variants.sh [ROUNDS (3)] [RATE (5000)]")
                .contains("STORE_URL_<i>", "JAR_<i>", "CONTROLS (full or routing)", "WARM_S (45)", "STREAMS (1 to measure streams too)")
                .contains("JAR_0=/tmp/before.jar CONTROLS=routing ./bench/variants.sh")
                .doesNotContain("set -euo")
                .doesNotStartWith("#");
    }

    @Test
    void should_refuse_an_unknown_control_set_before_building_anything() throws Exception {
        BenchScript run = variants(Map.of("VARIANTS", "-XX:+UseSerialGC", "CONTROLS", "everything"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).isEqualTo("bench: CONTROLS is 'everything': full or routing\n");
    }
}
