package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;

/**
 * Builds an Anthropic Messages request from an OpenAI Chat Completions request. The body is built
 * from an allow-list, so OpenAI parameters Anthropic has no equivalent for are dropped: {@code seed},
 * {@code frequency_penalty}, {@code presence_penalty}, {@code logit_bias}, {@code top_logprobs},
 * {@code service_tier}, {@code store}, {@code metadata}, {@code stream_options} (Anthropic always
 * reports usage in a stream) and the like. They only tune sampling or bookkeeping, so an answer
 * without them is still a correct answer. Parameters whose absence would change what the client
 * gets back ({@code n} > 1, {@code logprobs}) are refused instead.
 */
final class RequestTranslator {
    /** Anthropic requires {@code max_tokens}; OpenAI clients often leave it out. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private RequestTranslator() {}

    static ObjectNode toMessagesRequest(ObjectNode request, String upstreamModel, boolean stream) {
        rejectWhatAnthropicCannotDo(request);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("model", upstreamModel);
        out.put("max_tokens", maxTokens(request));
        MessageTranslator.Conversation conversation = MessageTranslator.translate(request.get("messages"));
        if (conversation.system() != null) out.put("system", conversation.system());
        out.set("messages", conversation.messages());
        copyNumber(request, "temperature", out);
        copyNumber(request, "top_p", out);
        ArrayNode stop = stopSequences(request.get("stop"));
        if (stop != null) out.set("stop_sequences", stop);
        if (stream) out.put("stream", true);
        JsonNode user = request.get("user");
        if (user != null && !user.isNull()) {
            if (!user.isTextual()) throw GatewayException.invalid("'user' must be a string", "user");
            out.putObject("metadata").put("user_id", user.asText());
        }
        ToolTranslator.apply(request, out);
        return out;
    }

    private static void rejectWhatAnthropicCannotDo(ObjectNode request) {
        JsonNode n = request.get("n");
        if (n != null && !n.isNull() && !(n.canConvertToInt() && n.asInt() == 1)) {
            throw GatewayException.invalid("Anthropic models return one choice per request; 'n' must be 1", "n");
        }
        if (request.path("logprobs").asBoolean(false)) {
            throw GatewayException.invalid("Anthropic models do not return log probabilities; remove 'logprobs'", "logprobs");
        }
    }

    /** {@code max_completion_tokens} is OpenAI's current name; {@code max_tokens} the deprecated one. */
    private static int maxTokens(ObjectNode request) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode v = request.get(field);
            if (v == null || v.isNull()) continue;
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
                throw GatewayException.invalid("'" + field + "' must be a positive integer", field);
            }
            return v.asInt();
        }
        return DEFAULT_MAX_TOKENS;
    }

    private static void copyNumber(ObjectNode request, String field, ObjectNode out) {
        JsonNode v = request.get(field);
        if (v == null || v.isNull()) return;
        if (!v.isNumber()) throw GatewayException.invalid("'" + field + "' must be a number", field);
        out.set(field, v);
    }

    private static ArrayNode stopSequences(JsonNode stop) {
        if (stop == null || stop.isNull()) return null;
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (stop.isTextual()) return out.add(stop.asText());
        if (!stop.isArray()) throw GatewayException.invalid("'stop' must be a string or an array of strings", "stop");
        for (JsonNode s : stop) {
            if (!s.isTextual()) throw GatewayException.invalid("'stop' must be a string or an array of strings", "stop");
            out.add(s.asText());
        }
        return out.isEmpty() ? null : out;
    }
}
