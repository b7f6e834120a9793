package dev.gatehouse.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the benchmark harness in its smoke mode ({@code ./bench/run.sh --smoke}: about a second
 * per contender, one rate, 50 idle streams) and checks the harness itself, not the numbers: every
 * contender started, answered, and left a parsable result of every kind; the report and both
 * charts were written. Nothing is skipped: when nginx, wrk, gnuplot, PostgreSQL or Portkey cannot be
 * installed, the harness stops with the reason and this test fails showing it.
 */
class BenchHarnessSmokeTest {
    private static final List<String> CONTENDERS = List.of("direct", "nginx", "vertx-proxy", "portkey", "gatehouse-routing", "gatehouse-full", "gatehouse-full-pg");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void should_start_every_contender_and_parse_its_results(@TempDir Path out) throws Exception {
        Path log = out.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder("bash", "bench/run.sh", "--smoke", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Gatehouse runs from this test's classpath, so the harness does not rebuild the project under us.
        pb.environment().put("BENCH_GATEHOUSE_CP", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        pb.environment().put("BENCH_PORT_BASE", "18500");
        Process run = pb.start();
        if (!run.waitFor(6, TimeUnit.MINUTES)) {
            run.destroyForcibly();
            fail("bench/run.sh --smoke did not finish in 6 minutes:\n" + tail(log));
        }
        assertThat(run.exitValue()).as("bench/run.sh --smoke failed:\n%s", tail(log)).isZero();

        Map<String, Map<String, String>> rows = results(out.resolve("results.tsv"));
        for (String c : CONTENDERS) {
            assertPositive(rows, "wrk " + c, "rps");
            assertPositive(rows, "rate " + c, "ok");
            assertThat(rows.get("rate " + c)).as("rate %s", c).containsKeys("p50_us", "p99_us", "p999_us").containsEntry("errors", "0")
                    .as("rate %s: the generator's own precision and pauses", c).containsKeys("send_lag_p99_us", "gen_gc", "gen_jit_ms", "gen_transport");
            assertPositive(rows, "stream " + c, "ok");
            assertPositive(rows, "stream " + c, "ttfb_p99_us");
            if (!c.equals("direct")) {
                assertPositive(rows, "mem " + c, "hwm_kib");
                assertPositive(rows, "mem " + c, "requests");
                Map<String, String> wrk = rows.get("wrk " + c);
                assertThat(wrk).as("wrk %s: the CPU per request served, user and system apart", c).containsKeys("user_us_per_req", "sys_us_per_req");
                assertThat(Double.parseDouble(wrk.get("user_us_per_req")) + Double.parseDouble(wrk.get("sys_us_per_req")))
                        .as("wrk %s: CPU per request", c).isPositive();
            }
        }
        Map<String, String> idle = rows.get("idle gatehouse-routing");
        assertThat(idle).as("idle-stream result").isNotNull();
        assertThat(idle.get("open")).as("idle streams that got their first chunk").isEqualTo(idle.get("streams"));
        assertPositive(rows, "idle gatehouse-routing", "rss_kib");

        String report = Files.readString(out.resolve("README.md"));
        for (String c : CONTENDERS) assertThat(report).contains("| " + c + " |");
        assertThat(report).as("the throughput table's CPU split").contains("| CPU per request: user | system |")
                .containsPattern("\\| gatehouse-routing \\|.* [0-9.]+ µs \\| [0-9.]+ µs \\|\n");
        assertThat(report).contains("## Headline", "CPU pinning", "Gatehouse controls on", "request policy", "audit", "bare Vert.x proxy / nginx throughput")
                .as("smoke runs two rounds, so the report's figures are medians").contains("the median of 2");
        assertThat(report).as("the generator's noise, from its rate and stream runs")
                .containsPattern("The load generator's own noise\\*\\* \\(the worst of its \\d+ fixed-rate and stream runs\\): requests sent at most [0-9.]+ ms");
        assertThat(report).as("the transport Gatehouse's start-up line named").containsPattern("on the (io_uring|epoll|nio) transport");
        for (String png : List.of("latency.png", "throughput.png")) {
            byte[] head = Files.readAllBytes(out.resolve(png));
            assertThat(head.length).as(png).isGreaterThan(1000);
            assertThat(java.util.Arrays.copyOf(head, 4)).as(png + " is a PNG").isEqualTo(PNG_SIGNATURE);
        }
    }

    private static void assertPositive(Map<String, Map<String, String>> rows, String row, String key) {
        Map<String, String> values = rows.get(row);
        assertThat(values).as("result row '%s'", row).isNotNull();
        assertThat(values).as("'%s' in row '%s'", key, row).containsKey(key);
        assertThat(Double.parseDouble(values.get(key))).as("'%s' in row '%s'", key, row).isPositive();
    }

    /** results.tsv: {@code kind TAB contender TAB key=value ...}, keyed by "kind contender". */
    private static Map<String, Map<String, String>> results(Path file) throws IOException {
        assertThat(file).exists();
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split("\t");
            if (parts.length < 3) continue;
            Map<String, String> values = new HashMap<>();
            for (String kv : parts[2].trim().split("\\s+")) {
                int eq = kv.indexOf('=');
                if (eq > 0) values.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            rows.putIfAbsent(parts[0] + " " + parts[1], values);
        }
        return rows;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) return "(no output)";
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
