package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tokens of one request. {@code reported} is true when the provider said so, false when the
 * gateway counted them itself (JTokkit).
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens, boolean reported) {

    public long totalTokens() { return promptTokens + completionTokens; }

    /** Reads an OpenAI {@code usage} object; null when absent or not an object. */
    public static Usage fromOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) return null;
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        return new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0), cached, true);
    }

    public ObjectNode toOpenAi() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("prompt_tokens", promptTokens);
        n.put("completion_tokens", completionTokens);
        n.put("total_tokens", totalTokens());
        if (cachedTokens > 0) n.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
        return n;
    }
}
