package dev.gatehouse.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.gatehouse.crypto.Sha256;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The key lookup of ConfigKeyAuthenticator: SHA-256 of the presented key, hex-encoded
 * ({@link Sha256#hex}, the call the authenticator makes), then a HashMap lookup by digest. The
 * authenticator itself can only be driven through a Vert.x HttpServerRequest, so this does its
 * two steps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyLookupBenchmark {
    @Param({"10", "10000"})
    int keys;

    private final Map<String, String> byDigest = new HashMap<>();
    private String presented;

    @Setup
    public void setup() {
        for (int i = 0; i < keys; i++) byDigest.put(digest("sk-gatehouse-key-" + i), "caller-" + i);
        presented = "sk-gatehouse-key-" + (keys / 2);
    }

    @Benchmark
    public String digest_and_lookup() {
        return byDigest.get(digest(presented));
    }

    private static String digest(String key) {
        return Sha256.hex(key);
    }
}
