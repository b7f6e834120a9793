package dev.gatehouse.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pieces of the benchmark scripts a full run depends on but the smoke run does not reach: the JIT
 * reading the warm-up waits on (a parse of {@code jstat -compiler} that silently printed nothing
 * would end every warm-up on throughput alone), the CPU time of a contender whose child processes
 * come and go (PostgreSQL's), and {@code profile.sh}'s refusal of a contender it does not know,
 * before it builds or starts anything.
 */
class BenchHelpersTest {

    private static BenchScript bash(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bench-test"));
        command.addAll(List.of(args));
        // jstat comes with this test's own JDK
        return BenchScript.run(command, List.of(), Map.of("JAVA_HOME", Path.of(System.getProperty("java.home")).toString()));
    }

    @Test
    void should_read_how_long_a_jvm_has_spent_compiling() throws Exception {
        BenchScript jvm = bash(". bench/lib/common.sh; jit_seconds \"$1\"", Long.toString(ProcessHandle.current().pid()));
        assertThat(jvm.exit()).isZero();
        assertThat(jvm.output().strip()).as("this JVM's compile time in seconds").matches("\\d+\\.\\d+");
        assertThat(Double.parseDouble(jvm.output().strip())).as("a JVM running tests has compiled something").isPositive();
    }

    @Test
    void should_print_nothing_for_a_process_that_is_not_a_jvm_or_no_process() throws Exception {
        BenchScript notJvm = bash(". bench/lib/common.sh; sleep 30 & jit_seconds $!; kill $!");
        assertThat(notJvm.exit()).isZero();
        assertThat(notJvm.output()).isEmpty();
        BenchScript none = bash(". bench/lib/common.sh; jit_seconds ''");
        assertThat(none.exit()).isZero();
        assertThat(none.output()).isEmpty();
    }

    /**
     * A child that burns CPU and exits (an autovacuum worker, a recycled backend) must not take its
     * time with it: measured across its exit, the tree's CPU time must not fall.
     */
    @Test
    void should_keep_the_cpu_time_of_a_child_that_exited_during_the_measurement() throws Exception {
        BenchScript run = bash("""
                . bench/lib/common.sh
                bash -c 'sh -c "while :; do :; done" & busy=$!; sleep 1.5; kill $busy; wait $busy; sleep 30' &
                parent=$!
                sleep 1; before=$(cpu_ticks $parent)
                sleep 1.5; after=$(cpu_ticks $parent)
                kill $parent
                echo "$before|$after"
                """);
        assertThat(run.exit()).isZero();
        String[] halves = run.output().strip().split("\\|");
        long userBefore = Long.parseLong(halves[0].split(" ")[0]);
        long userAfter = Long.parseLong(halves[1].split(" ")[0]);
        assertThat(userBefore).as("the busy child's ticks while it ran (%s)", run.output()).isPositive();
        assertThat(userAfter).as("after the child exited (%s)", run.output()).isGreaterThanOrEqualTo(userBefore);
    }

    @Test
    void should_refuse_an_unknown_contender_to_profile_before_building_anything() throws Exception {
        BenchScript run = bash("bash bench/profile.sh 5 json everything");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).isEqualTo("bench: contender: routing, full or vertx (not 'everything')\n");
    }
}
