package dev.gatehouse.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChunkNormalizer;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.SseParser;
import dev.gatehouse.providers.StreamTranslator;
import dev.gatehouse.providers.openai.OpenAiCompatibleAdapter;
import io.vertx.core.buffer.Buffer;
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
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stream relay's work for one whole streamed response, as StreamRelay chains it: the recorded
 * OpenAI stream of the benchmark harness (bench/payloads/stream.sse, 20 events) arrives in
 * network-sized buffers, goes through SseParser, the OpenAI stream translator and ChunkNormalizer,
 * and each chunk goes to the client: as the text it came in when it needs no change
 * (ChunkNormalizer.acceptText), else serialised again from its tree. Divide by 20 for the cost per
 * event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SseRelayBenchmark {
    private static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

    private List<Buffer> networkBuffers;
    private OpenAiCompatibleAdapter adapter;
    private JsonNode requestMessages;

    @Setup
    public void setup() throws IOException {
        byte[] stream = Files.readAllBytes(Path.of("bench/payloads/stream.sse"));
        networkBuffers = new ArrayList<>();
        int size = 1024; // chunks split mid-event, as TCP reads do
        for (int at = 0; at < stream.length; at += size) {
            byte[] part = java.util.Arrays.copyOfRange(stream, at, Math.min(stream.length, at + size));
            networkBuffers.add(Buffer.buffer(part));
        }
        adapter = new OpenAiCompatibleAdapter(new OpenAiCompatibleAdapter.Options(
                (op, model) -> "http://127.0.0.1/v1" + op.openAiPath(), "authorization", "sk-upstream", Map.of(),
                true, null, true));
        requestMessages = Json.MAPPER.readTree(("[{\"role\":\"user\",\"content\":\"Say hello.\"}]").getBytes(StandardCharsets.UTF_8));
    }

    /** As the relay does it: a chunk that needs no change goes on as its text; the rest as trees. */
    @Benchmark
    public void relay_recorded_stream(Blackhole out) {
        relay(out, true);
    }

    /** Every chunk as a tree, changed and written again: the relay before chunks went on as text. */
    @Benchmark
    public void relay_recorded_stream_as_trees(Blackhole out) {
        relay(out, false);
    }

    private void relay(Blackhole out, boolean asText) {
        StreamTranslator translator = adapter.newStreamTranslator("gpt-4o-mini");
        ChunkNormalizer normalizer = new ChunkNormalizer(false, requestMessages);
        boolean[] done = {false};
        SseParser parser = new SseParser((event, data) -> {
            if (done[0]) return;
            if (asText && data.charAt(0) == '{') {
                String text = normalizer.acceptText(data);
                if (text != null) {
                    out.consume(Buffer.buffer(text.length() + 8).appendString("data: ").appendString(text).appendString("\n\n"));
                    return;
                }
            }
            done[0] = translator.onEvent(event, data, chunk -> normalizer.accept(chunk, c -> out.consume(serialise(c))));
        }, MAX_EVENT_BYTES);
        for (Buffer b : networkBuffers) parser.feed(b);
        parser.end();
        out.consume(normalizer.usage());
    }

    private static byte[] serialise(ObjectNode chunk) {
        try {
            return Json.MAPPER.writeValueAsBytes(chunk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
