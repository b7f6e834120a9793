package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;

/**
 * How fast the simulated provider answers. All zero (the default) means as fast as possible,
 * which is what the benchmark uses.
 *
 * @param latencyMs       wait before the response headers
 * @param ttftMs          further wait before the first token (streams) or the body (plain answers)
 * @param tokensPerSecond generation speed; 0 means no delay between chunks
 * @param chunkTokens     tokens per streamed content chunk (at least 1)
 */
public record Timing(long latencyMs, long ttftMs, double tokensPerSecond, int chunkTokens) {
    public static final Timing NONE = new Timing(0, 0, 0, 1);

    public Timing {
        if (latencyMs < 0 || ttftMs < 0 || tokensPerSecond < 0) {
            throw new IllegalArgumentException("timing values must not be negative");
        }
        if (chunkTokens < 1) throw new IllegalArgumentException("chunk_tokens must be at least 1");
    }

    /** Milliseconds that generating {@code tokens} tokens takes at {@link #tokensPerSecond}. */
    long generationMs(int tokens) {
        return tokensPerSecond <= 0 ? 0 : Math.round(tokens * 1000.0 / tokensPerSecond);
    }

    /** A copy with the fields present in an admin-API JSON object replaced. */
    Timing merge(JsonNode json) {
        return new Timing(
                json.path("latency_ms").asLong(latencyMs),
                json.path("ttft_ms").asLong(ttftMs),
                json.path("tokens_per_second").asDouble(tokensPerSecond),
                json.path("chunk_tokens").asInt(chunkTokens));
    }

    ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("latency_ms", latencyMs);
        n.put("ttft_ms", ttftMs);
        n.put("tokens_per_second", tokensPerSecond);
        n.put("chunk_tokens", chunkTokens);
        return n;
    }
}
