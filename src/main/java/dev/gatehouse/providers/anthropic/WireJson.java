package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;

/** Reads what Anthropic sends; anything that is not a JSON object is a bad upstream response. */
final class WireJson {
    private WireJson() {}

    static JsonNode object(byte[] json, String what) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (Exception unreadable) {
            node = null;
        }
        return requireObject(node, what);
    }

    static JsonNode object(String json, String what) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (Exception unreadable) {
            node = null;
        }
        return requireObject(node, what);
    }

    /** The text of a string or number field; null when absent or JSON null. */
    static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() ? n.asText() : null;
    }

    // The message names what was wrong but never echoes the body: it may hold anything.
    private static JsonNode requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider sent " + what + " that is not a JSON object");
        }
        return node;
    }
}
