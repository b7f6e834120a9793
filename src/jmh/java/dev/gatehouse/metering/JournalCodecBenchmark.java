package dev.gatehouse.metering;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One usage record through the journal: framed on the event loop for every request, and decoded
 * again by the ledger loader. Forks, warm-up and measurement come from bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JournalCodecBenchmark {
    private static final UsageRecord RECORD = new UsageRecord(Instant.parse("2026-11-24T16:00:00.123456Z"),
            "req_01JD8Z6M3Q7X4T2V9K5N8B1C0A", "cus_0001", "prj_0001", "key_bench", "bench", "up-18700", "gpt-4o-mini", null,
            200, null, 21, 12, 0, true, 4_650, 33_015, "prc_0001", 1, null);
    private static final byte[] PAYLOAD;

    static {
        ByteBuffer frame = JournalCodec.frame(RECORD);
        PAYLOAD = Arrays.copyOfRange(frame.array(), JournalCodec.HEADER_BYTES, frame.limit());
    }

    @Benchmark
    public ByteBuffer frame_one_record() {
        return JournalCodec.frame(RECORD);
    }

    @Benchmark
    public UsageRecord decode_one_record() throws IOException {
        return JournalCodec.decode(PAYLOAD);
    }
}
