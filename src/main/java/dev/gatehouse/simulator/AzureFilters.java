package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;

/** The content-filter annotations Azure OpenAI adds to its answers. */
final class AzureFilters {
    private static final String[] CATEGORIES = {"hate", "self_harm", "sexual", "violence"};

    private AzureFilters() {}

    /** Per category {@code {filtered, severity}}; when {@code filtered}, violence is flagged high. */
    static ObjectNode completionResults(boolean filtered) {
        ObjectNode results = Json.MAPPER.createObjectNode();
        for (String c : CATEGORIES) {
            boolean hit = filtered && c.equals("violence");
            results.putObject(c).put("filtered", hit).put("severity", hit ? "high" : "safe");
        }
        return results;
    }

    static ArrayNode promptResults() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        ObjectNode one = list.addObject();
        one.put("prompt_index", 0);
        one.set("content_filter_results", completionResults(false));
        return list;
    }

    /** Azure's first stream chunk: no choices, empty id and model, only the prompt's filter results. */
    static ObjectNode leadingChunk() {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.putArray("choices");
        chunk.put("created", 0);
        chunk.put("id", "");
        chunk.put("model", "");
        chunk.put("object", "");
        chunk.set("prompt_filter_results", promptResults());
        return chunk;
    }

    /** Azure's 400 when the prompt itself trips the filter (deployments named {@code *prompt-filter*}). */
    static ObjectNode promptFilteredError() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.");
        error.putNull("type");
        error.put("param", "prompt");
        error.put("code", "content_filter");
        error.put("status", 400);
        ObjectNode inner = error.putObject("innererror");
        inner.put("code", "ResponsibleAIPolicyViolation");
        ObjectNode results = completionResults(true);
        results.putObject("jailbreak").put("filtered", false).put("detected", false);
        inner.set("content_filter_result", results);
        return body;
    }
}
