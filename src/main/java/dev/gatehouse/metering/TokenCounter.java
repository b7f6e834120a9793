package dev.gatehouse.metering;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with JTokkit where a provider reports none. Counts are estimates for non-OpenAI
 * models (their tokenizers differ) and are recorded as such. Thread-safe; the registry is built once.
 */
public final class TokenCounter {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    /** Per-message framing overhead of the chat format, as OpenAI documents it for its models. */
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PER_REPLY = 3;

    private final Encoding encoding;

    public TokenCounter(EncodingType type) { this.encoding = REGISTRY.getEncoding(type); }

    private static final TokenCounter DEFAULT = new TokenCounter(EncodingType.O200K_BASE);

    /** The o200k encoding (GPT-4o and later), the best general guess for unknown models. */
    public static TokenCounter standard() { return DEFAULT; }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** Estimates the prompt tokens of an OpenAI chat request's {@code messages}. */
    public int countMessages(JsonNode messages) {
        if (messages == null || !messages.isArray()) return 0;
        int total = TOKENS_PER_REPLY;
        for (JsonNode m : messages) {
            total += TOKENS_PER_MESSAGE;
            total += count(m.path("role").asText(""));
            JsonNode content = m.get("content");
            if (content != null && content.isTextual()) {
                total += count(content.asText());
            } else if (content != null && content.isArray()) {
                for (JsonNode part : content) total += count(part.path("text").asText(""));
            }
            JsonNode calls = m.get("tool_calls");
            if (calls != null) total += count(calls.toString());
        }
        return total;
    }

    /** Estimates the tokens of an embeddings {@code input}: a string or an array of strings. */
    public int countInput(JsonNode input) {
        if (input == null) return 0;
        if (input.isTextual()) return count(input.asText());
        int total = 0;
        if (input.isArray()) for (JsonNode n : input) total += n.isTextual() ? count(n.asText()) : (n.isArray() ? n.size() : 0);
        return total;
    }
}
