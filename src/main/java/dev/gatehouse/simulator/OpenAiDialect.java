package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;

import java.util.List;
import java.util.Map;

/**
 * OpenAI's API (and every OpenAI-compatible provider): {@code /v1/chat/completions},
 * {@code /v1/embeddings}, {@code /v1/models}, with Bearer-key auth and OpenAI's error shape.
 */
final class OpenAiDialect implements Dialect {
    /** The key that is always refused, so the gateway's mapping of upstream auth failures can be tested. */
    static final String INVALID_KEY = "sim-invalid-key";
    static final List<String> MODELS = List.of("gpt-4o", "gpt-4o-mini", "text-embedding-3-small",
            "deepseek-reasoner", "sim-running-usage", "sim-usage-in-choice", "sim-no-stream-usage");

    private final OpenAiChat chat;
    private final int embeddingDimensions;

    OpenAiDialect(OpenAiChat chat, int embeddingDimensions) {
        this.chat = chat;
        this.embeddingDimensions = embeddingDimensions;
    }

    Reply chat(Call call, Timing timing) {
        return guarded(call, () -> chat.answer(call.json(), call.model(), ChatFlavor.of(call.model(), false), timing.chunkTokens()));
    }

    Reply embeddings(Call call, Timing timing) {
        return guarded(call, () -> OpenAiEmbeddings.answer(call.json(), call.model(), embeddingDimensions));
    }

    Reply models(Call call, Timing timing) {
        return guarded(call, () -> {
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("object", "list");
            ArrayNode data = json.putArray("data");
            for (String id : MODELS) {
                data.addObject().put("id", id).put("object", "model").put("created", 1_700_000_000L).put("owned_by", "gatehouse-simulator");
            }
            return Reply.Plain.ok(json, new dev.gatehouse.api.Usage(0, 0, 0, true), Map.of());
        });
    }

    /**
     * Checks the Bearer key, then runs the operation, turning a malformed request into a 400. A key
     * is required on OpenAI's own {@code /v1/} paths; under other prefixes (e.g. {@code /ollama/v1/})
     * the simulator plays a self-hosted server, which usually runs without one.
     */
    private Reply guarded(Call call, java.util.function.Supplier<Reply> operation) {
        String auth = call.header("authorization");
        String key = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
        if (key.isEmpty() && call.path().startsWith("/v1/")) {
            return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null);
        }
        if (INVALID_KEY.equals(key)) return error(401, "Incorrect API key provided: sim-****-key.", "invalid_api_key");
        try {
            return operation.get();
        } catch (OpenAiRequests.Invalid e) {
            return error(400, e.getMessage(), null);
        }
    }

    @Override
    public Reply.Plain error(int status, String message) {
        return error(status, message, switch (status) {
            case 429 -> "rate_limit_exceeded";
            case 404 -> "model_not_found";
            default -> null;
        });
    }

    private static Reply.Plain error(int status, String message, String code) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error");
        error.putNull("param");
        if (code == null) error.putNull("code"); else error.put("code", code);
        return Reply.Plain.error(status, body);
    }
}
