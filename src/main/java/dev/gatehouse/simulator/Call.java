package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * One provider request as a dialect sees it: everything read, nothing sent yet.
 *
 * @param json       the body parsed as JSON, or null when it is not JSON
 * @param deployment the Azure deployment named in the path, or null
 */
record Call(String method, String path, String query, MultiMap params, MultiMap headers, Buffer body,
            JsonNode json, String deployment) {

    /** The model the request is for: the Azure deployment, else the body's {@code model} (or Tencent's {@code Model}). */
    String model() {
        if (deployment != null) return deployment;
        if (json == null || !json.isObject()) return null;
        JsonNode m = json.has("model") ? json.get("model") : json.get("Model");
        return m != null && m.isTextual() ? m.asText() : null;
    }

    String header(String name) {
        return headers.get(name);
    }
}
