package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Usage;
import io.vertx.core.buffer.Buffer;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What a dialect decided to answer; the {@link Exchange} sends it with the configured timing and faults. */
sealed interface Reply {

    /** Response headers beyond the ones the exchange sets itself. */
    Map<String, String> headers();

    /** The usage of a successful answer; null for an error answer. */
    Usage usage();

    /** A complete JSON body. */
    record Plain(int status, Map<String, String> headers, Buffer body, Usage usage) implements Reply {
        static Plain ok(JsonNode json, Usage usage, Map<String, String> headers) {
            return new Plain(200, headers, Buffer.buffer(jsonBytes(json)), usage);
        }

        static Plain error(int status, JsonNode json) {
            return new Plain(status, Map.of(), Buffer.buffer(jsonBytes(json)), null);
        }
    }

    /** A Server-Sent Events stream, one {@link Frame} per event. */
    record Stream(Map<String, String> headers, List<Frame> frames, Usage usage) implements Reply {
    }

    /**
     * One SSE event, already framed ({@code event: ...\ndata: ...\n\n}).
     *
     * @param tokens how many generated tokens it carries, which sets its delay at a given tokens/second
     */
    record Frame(Buffer bytes, int tokens) {
        static Frame data(JsonNode json, int tokens) {
            return new Frame(Buffer.buffer("data: ").appendBytes(jsonBytes(json)).appendString("\n\n"), tokens);
        }

        static Frame event(String event, JsonNode json, int tokens) {
            return new Frame(Buffer.buffer("event: " + event + "\ndata: ").appendBytes(jsonBytes(json)).appendString("\n\n"), tokens);
        }

        static Frame raw(String text) {
            return new Frame(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)), 0);
        }
    }

    static byte[] jsonBytes(JsonNode json) {
        try {
            return Json.MAPPER.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
