package dev.gatehouse.audit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What the audit writer computes for every entry before the insert: the body's digest and the
 * chain's link hash (Canonical), for a request decision like those the benchmark's gateway logs;
 * and the checkpoint's Ed25519 signature it adds every 1,000th entry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuditChainBenchmark {
    private static final AuditEntry DECISION = new AuditEntry(AuditCategory.REQUEST_DECISION, "key:key_bench", "allow", "cus_0001", null,
            "{\"request_id\":\"req_01JD8Z6M3Q7X4T2V9K5N8B1C0A\",\"code\":\"allowed\",\"denied_by\":null,\"route\":\"bench\",\"key_id\":\"key_bench\","
                    + "\"customer_id\":\"cus_0001\",\"customer_country\":\"DE\",\"client_ip\":\"127.0.0.1\",\"client_country\":null,"
                    + "\"narrowed\":[],\"redacted\":[],\"message\":null,\"served_by\":\"up-18700/gpt-4o-mini\",\"status\":200}");
    private static final Instant TS = Instant.parse("2026-11-24T16:00:00.123456Z");
    private long seq;
    private Path keyDir;
    private AuditKey key;
    private byte[] checkpoint;

    @Setup
    public void setUp() throws IOException {
        keyDir = Files.createTempDirectory("gatehouse-jmh-audit");
        key = AuditKey.loadOrCreate(keyDir.resolve("audit.key"));
        checkpoint = Canonical.checkpointBytes(1_000, Canonical.GENESIS);
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(keyDir.resolve("audit.key"));
        Files.deleteIfExists(AuditKey.publicFile(keyDir.resolve("audit.key")));
        Files.deleteIfExists(keyDir);
    }

    @Benchmark
    public String link_one_decision_entry() {
        String digest = Canonical.bodyDigest(DECISION);
        return Canonical.hash(Canonical.GENESIS, ++seq, TS, DECISION.category(), digest);
    }

    @Benchmark
    public String sign_one_checkpoint() {
        return key.signBase64(checkpoint);
    }
}
