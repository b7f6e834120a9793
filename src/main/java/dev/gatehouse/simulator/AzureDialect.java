package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;

import java.util.function.Supplier;

/**
 * Azure OpenAI: the deployment routes ({@code /openai/deployments/{name}/chat/completions?api-version=...},
 * api-version required) and the v1 routes ({@code /openai/v1/chat/completions}, model in the body).
 * Auth is the {@code api-key} header (or a Bearer token). Answers carry Azure's content-filter
 * annotations; names containing {@code content-filter} get a filtered completion and names
 * containing {@code prompt-filter} get Azure's 400 for a filtered prompt.
 */
final class AzureDialect implements Dialect {
    private final OpenAiChat chat;
    private final int embeddingDimensions;

    AzureDialect(OpenAiChat chat, int embeddingDimensions) {
        this.chat = chat;
        this.embeddingDimensions = embeddingDimensions;
    }

    Reply deploymentChat(Call call, Timing timing) {
        return guarded(call, true, () -> chatAnswer(call, timing));
    }

    Reply deploymentEmbeddings(Call call, Timing timing) {
        return guarded(call, true, () -> OpenAiEmbeddings.answer(call.json(), call.model(), embeddingDimensions));
    }

    Reply v1Chat(Call call, Timing timing) {
        return guarded(call, false, () -> chatAnswer(call, timing));
    }

    Reply v1Embeddings(Call call, Timing timing) {
        return guarded(call, false, () -> OpenAiEmbeddings.answer(call.json(), call.model(), embeddingDimensions));
    }

    private Reply chatAnswer(Call call, Timing timing) {
        String model = call.model();
        if (model != null && model.contains("prompt-filter")) return Reply.Plain.error(400, AzureFilters.promptFilteredError());
        return chat.answer(call.json(), model, ChatFlavor.of(model, true), timing.chunkTokens());
    }

    private Reply guarded(Call call, boolean apiVersionRequired, Supplier<Reply> operation) {
        String key = call.header("api-key");
        String bearer = call.header("authorization");
        if ((key == null || key.isBlank()) && (bearer == null || !bearer.regionMatches(true, 0, "Bearer ", 0, 7))) {
            return error(401, "401", "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.");
        }
        if (OpenAiDialect.INVALID_KEY.equals(key) || (bearer != null && bearer.endsWith(OpenAiDialect.INVALID_KEY))) {
            return error(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
        }
        String version = call.params().get("api-version");
        if (apiVersionRequired && (version == null || version.isBlank())) {
            return error(400, "BadRequest", "Missing required query parameter: api-version.");
        }
        try {
            return operation.get();
        } catch (OpenAiRequests.Invalid e) {
            return error(400, "BadRequest", e.getMessage());
        }
    }

    @Override
    public Reply.Plain error(int status, String message) {
        String code = switch (status) {
            case 400 -> "BadRequest";
            case 404 -> "DeploymentNotFound";
            case 500 -> "InternalServerError";
            default -> String.valueOf(status);
        };
        return error(status, code, message);
    }

    /** Azure's error body: {@code {"error":{"code","message"}}}, the code a string. */
    private static Reply.Plain error(int status, String code, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return Reply.Plain.error(status, body);
    }
}
