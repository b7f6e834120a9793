package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.RequestJson;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What the gateway does with every request body before routing, as ForwardHandler.prepare does
 * it: one pass of Jackson's streaming parser that builds the document's tree and notes where the
 * model sits (RequestJson), the checks of RequestValidator (in this package so it can call the
 * package-private validator), and the model and stream flags read. Then the body that goes
 * upstream, both ways: the client's bytes with the model spliced in, and the tree re-serialised
 * (what a request a stage changed costs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestParseBenchmark {
    /** The benchmark harness's request body: a system and a user message, temperature, max_tokens. */
    static final byte[] TYPICAL = ("{\"model\":\"bench\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
            + "{\"role\":\"user\",\"content\":\"Say hello and offer help in one short sentence.\"}],\"temperature\":0.2,\"max_tokens\":64}")
            .getBytes(StandardCharsets.UTF_8);

    private static final Buffer TYPICAL_BUFFER = Buffer.buffer(TYPICAL);

    /** A longer conversation (about 4 KiB) with tools, closer to an agent's request. */
    static final byte[] CONVERSATION = conversation();

    @Benchmark
    public String parse_and_validate_typical_body() throws IOException {
        return prepare(TYPICAL);
    }

    @Benchmark
    public String parse_and_validate_4k_conversation() throws IOException {
        return prepare(CONVERSATION);
    }

    @Benchmark
    public Buffer upstream_body_spliced_typical() throws IOException {
        return RequestJson.read(TYPICAL_BUFFER).splice().forward("bench-upstream", false);
    }

    @Benchmark
    public Buffer upstream_body_serialised_typical() throws IOException {
        ObjectNode tree = (ObjectNode) RequestJson.read(TYPICAL_BUFFER).tree();
        tree.put("model", "bench-upstream");
        return Buffer.buffer(Json.MAPPER.writeValueAsBytes(tree));
    }

    private static String prepare(byte[] raw) throws IOException {
        JsonNode body = RequestJson.read(Buffer.buffer(raw)).tree();
        String model = RequestValidator.validate(Operation.CHAT, body);
        boolean stream = body.path("stream").asBoolean(false);
        boolean usage = stream && body.path("stream_options").path("include_usage").asBoolean(false);
        return usage ? model + "+usage" : model;
    }

    private static byte[] conversation() {
        StringBuilder b = new StringBuilder("{\"model\":\"bench\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[");
        b.append("{\"role\":\"system\",\"content\":\"You are a careful assistant that answers with citations.\"}");
        for (int i = 0; i < 12; i++) {
            b.append(",{\"role\":\"user\",\"content\":\"Question ").append(i)
             .append(": what does the report say about quarterly revenue in the northern region, and why?\"}")
             .append(",{\"role\":\"assistant\",\"content\":\"The report says revenue grew by ").append(i)
             .append(" percent, mostly from renewals; see section 4.2 for the breakdown by product line.\"}");
        }
        b.append("],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search\",\"description\":\"Search the reports\",")
         .append("\"parameters\":{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}},\"required\":[\"query\"]}}}],")
         .append("\"temperature\":0.2,\"max_tokens\":512}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
