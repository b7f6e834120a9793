package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Usage;
import dev.gatehouse.metering.TokenCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Answers an OpenAI embeddings request in the shape of {@code CreateEmbeddingResponse}. */
final class OpenAiEmbeddings {
    private OpenAiEmbeddings() {}

    static Reply answer(JsonNode body, String model, int defaultDimensions) {
        if (body == null || !body.isObject()) throw new OpenAiRequests.Invalid("The request body is not a JSON object.");
        if (model == null || model.isBlank()) throw new OpenAiRequests.Invalid("you must provide a model parameter");
        JsonNode input = body.get("input");
        List<String> items = inputs(input);
        if (items.isEmpty()) throw new OpenAiRequests.Invalid("'input' must be a non-empty string or array");
        int dimensions = body.path("dimensions").asInt(defaultDimensions);
        if (dimensions < 1) throw new OpenAiRequests.Invalid("dimensions must be at least 1");
        boolean base64 = "base64".equals(body.path("encoding_format").asText("float"));
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("object", "list");
        ArrayNode data = json.putArray("data");
        for (int i = 0; i < items.size(); i++) {
            float[] v = Embedder.vector(items.get(i), dimensions);
            ObjectNode e = data.addObject();
            e.put("object", "embedding");
            e.put("index", i);
            if (base64) e.put("embedding", Embedder.base64(v));
            else for (float f : v) e.withArray("embedding").add(f);
        }
        json.put("model", model);
        int tokens = TokenCounter.standard().countInput(input);
        json.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return Reply.Plain.ok(json, new Usage(tokens, 0, 0, true), Map.of());
    }

    /** A string, an array of strings, or token arrays (each keyed by its text form). */
    private static List<String> inputs(JsonNode input) {
        List<String> out = new ArrayList<>();
        if (input == null) return out;
        if (input.isTextual()) {
            out.add(input.asText());
        } else if (input.isArray()) {
            if (!input.isEmpty() && input.get(0).isNumber()) out.add(input.toString()); // one token array
            else for (JsonNode n : input) out.add(n.isTextual() ? n.asText() : n.toString());
        }
        return out;
    }
}
