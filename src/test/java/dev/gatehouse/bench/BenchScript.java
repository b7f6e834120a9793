package dev.gatehouse.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a benchmark script from the project's root and collects its exit code and combined output. */
record BenchScript(int exit, String output) {

    /** {@code unset} leaves the environment first, then {@code env} goes in. */
    static BenchScript run(List<String> command, List<String> unset, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        unset.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new BenchScript(p.exitValue(), out);
    }
}
