package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

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

    /**
     * Reads an OpenAI {@code usage} object from a streaming parser standing on its
     * {@code START_OBJECT}, as {@link #fromOpenAi(JsonNode)} reads the tree (numbers, or numbers
     * written as strings; anything else counts 0), without building one. Leaves the parser on the
     * object's {@code END_OBJECT}.
     */
    public static Usage readOpenAi(JsonParser p) throws IOException {
        long prompt = 0, completion = 0, cached = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "prompt_tokens" -> prompt = longValue(p);
                case "completion_tokens" -> completion = longValue(p);
                case "prompt_tokens_details" -> cached = value == JsonToken.START_OBJECT ? cachedTokens(p) : 0;
                default -> p.skipChildren();
            }
        }
        return new Usage(prompt, completion, cached, true);
    }

    private static long cachedTokens(JsonParser p) throws IOException {
        long cached = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("cached_tokens".equals(field)) cached = longValue(p);
            else p.skipChildren();
        }
        return cached;
    }

    /** The current value as a number as JsonNode.asLong(0) reads it; an object or array counts 0 and is skipped. */
    private static long longValue(JsonParser p) throws IOException {
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
            return 0;
        }
        return p.getValueAsLong(0);
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
