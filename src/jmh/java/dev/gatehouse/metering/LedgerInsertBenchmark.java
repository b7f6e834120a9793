package dev.gatehouse.metering;

import dev.gatehouse.config.StoreConfig;
import dev.gatehouse.store.Database;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The usage ledger's cost per row on the embedded H2 store: one operation is one journal segment's
 * worth of records (5,000) inserted as LedgerLoader does (JDBC batches in one transaction) and made
 * durable ({@code CHECKPOINT SYNC}); the score is per row. {@code ids}: request ids as the gateway
 * makes them (clock first) or fully random, as they were, which made every insert dirty a
 * different page of the unique index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LedgerInsertBenchmark {
    private static final int ROWS = 5_000;

    @Param({"time-first", "random"})
    String ids;

    private Path dir;
    private Database db;
    private long clock;

    @Setup
    public void open() throws IOException {
        dir = Files.createTempDirectory("ledger-bench");
        db = Database.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db"), "gatehouse", null, 2));
        clock = System.currentTimeMillis();
    }

    @TearDown
    public void close() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int insertSegment() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<UsageRecord> records = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            long millis = clock++;
            String id = ids.equals("random")
                    ? "req_%016x%012x".formatted(random.nextLong(), random.nextLong() >>> 16)
                    : "req_%012x%016x".formatted(millis, random.nextLong());
            records.add(new UsageRecord(Instant.ofEpochMilli(millis), id, "cus_bench", "prj_bench", "key_bench", "bench",
                    "openai", "gpt-4o-mini", "US", 200, null, 120, 80, 0, true, 1_000, 7_000, null, 12, 12));
        }
        int inserted = LedgerLoader.insert(db, records);
        db.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                return s.execute("CHECKPOINT SYNC");
            }
        });
        return inserted;
    }
}
