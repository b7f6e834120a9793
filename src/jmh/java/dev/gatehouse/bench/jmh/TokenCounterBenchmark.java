package dev.gatehouse.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.metering.TokenCounter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Token counting with JTokkit (o200k), what the gateway does when a provider reports no usage:
 * the prompt's messages and the completion text of a short and a long answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenCounterBenchmark {
    private static final String SHORT = "Hello! How can I help you today? Ask me anything, any time.";

    private final TokenCounter counter = TokenCounter.standard();
    private String longText;
    private JsonNode messages;

    @Setup
    public void setup() throws IOException {
        longText = (SHORT + " The quarterly report shows revenue grew by 12 percent, mostly from renewals; "
                + "see section 4.2 for the breakdown by product line and region. ").repeat(20); // about 3 KiB
        messages = Json.MAPPER.readTree("[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
                + "{\"role\":\"user\",\"content\":\"Say hello and offer help in one short sentence.\"}]");
    }

    @Benchmark
    public int count_short_completion() { return counter.count(SHORT); }

    @Benchmark
    public int count_3k_completion() { return counter.count(longText); }

    @Benchmark
    public int count_prompt_messages() { return counter.countMessages(messages); }
}
