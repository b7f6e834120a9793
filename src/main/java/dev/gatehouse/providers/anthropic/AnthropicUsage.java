package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Usage;

/**
 * Anthropic's token counts. Its {@code input_tokens} excludes cached input, which it reports apart
 * as cache reads and cache writes; OpenAI's {@code prompt_tokens} counts all input, with the cache
 * reads repeated as {@code cached_tokens}.
 */
record AnthropicUsage(long inputTokens, long cacheReadTokens, long cacheCreationTokens, long outputTokens) {
    static final AnthropicUsage NONE = new AnthropicUsage(0, 0, 0, 0);

    /** This usage with every count present in {@code usage} replacing the one held so far. */
    AnthropicUsage updatedBy(JsonNode usage) {
        return new AnthropicUsage(
                count(usage, "input_tokens", inputTokens),
                count(usage, "cache_read_input_tokens", cacheReadTokens),
                count(usage, "cache_creation_input_tokens", cacheCreationTokens),
                count(usage, "output_tokens", outputTokens));
    }

    Usage toUsage() {
        return new Usage(inputTokens + cacheReadTokens + cacheCreationTokens, outputTokens, cacheReadTokens, true);
    }

    private static long count(JsonNode usage, String field, long previous) {
        JsonNode v = usage.path(field);
        return v.isNumber() ? v.asLong() : previous;
    }
}
