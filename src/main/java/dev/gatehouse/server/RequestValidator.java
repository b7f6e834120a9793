package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;

/**
 * Checks what the gateway itself relies on, with OpenAI's messages and {@code param} names; all
 * other fields pass through untouched for the provider to judge.
 */
final class RequestValidator {
    private RequestValidator() {}

    /** Returns the requested model after checking the body's shape. */
    static String validate(Operation op, JsonNode body) {
        if (!(body instanceof ObjectNode)) throw GatewayException.invalid("The request body must be a JSON object.", null);
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw new GatewayException(ErrorCode.MISSING_MODEL, "you must provide a model parameter", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw GatewayException.invalid("'model' must be a non-empty string.", "model");
        }
        switch (op) {
            case CHAT -> validateChat(body);
            case EMBEDDINGS -> validateEmbeddings(body);
        }
        return model.asText();
    }

    private static void validateChat(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null) throw GatewayException.invalid("Missing required parameter: 'messages'.", "messages");
        if (!messages.isArray()) throw GatewayException.invalid("'messages' must be an array.", "messages");
        if (messages.isEmpty()) throw GatewayException.invalid("'messages' must contain at least one message.", "messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) throw GatewayException.invalid("'messages[" + i + "]' must be an object.", "messages[" + i + "]");
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual()) {
                throw GatewayException.invalid("'messages[" + i + "].role' must be a string.", "messages[" + i + "].role");
            }
        }
        expectType(body, "stream", JsonNode::isBoolean, "a boolean");
        expectType(body, "stream_options", JsonNode::isObject, "an object");
        expectType(body, "n", n -> n.canConvertToInt() && n.isIntegralNumber() && n.asInt() >= 1, "an integer >= 1");
        expectType(body, "temperature", JsonNode::isNumber, "a number");
        expectType(body, "max_tokens", n -> n.isIntegralNumber() && n.asLong() >= 1, "an integer >= 1");
        expectType(body, "max_completion_tokens", n -> n.isIntegralNumber() && n.asLong() >= 1, "an integer >= 1");
        expectType(body, "tools", JsonNode::isArray, "an array");
        expectType(body, "response_format", JsonNode::isObject, "an object");
        expectType(body, "stop", n -> n.isTextual() || n.isArray(), "a string or an array of strings");
        JsonNode options = body.get("stream_options");
        if (options != null && options.has("include_usage") && !options.get("include_usage").isBoolean()) {
            throw GatewayException.invalid("'stream_options.include_usage' must be a boolean.", "stream_options.include_usage");
        }
    }

    private static void validateEmbeddings(JsonNode body) {
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) throw GatewayException.invalid("Missing required parameter: 'input'.", "input");
        if (!input.isTextual() && !input.isArray()) {
            throw GatewayException.invalid("'input' must be a string or an array.", "input");
        }
        if (input.isArray() && input.isEmpty()) throw GatewayException.invalid("'input' must not be empty.", "input");
        JsonNode format = body.get("encoding_format");
        if (format != null && !format.isNull() && !("float".equals(format.asText()) || "base64".equals(format.asText()))) {
            throw GatewayException.invalid("'encoding_format' must be 'float' or 'base64'.", "encoding_format");
        }
    }

    private static void expectType(JsonNode body, String field, java.util.function.Predicate<JsonNode> ok, String what) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !ok.test(v)) {
            throw GatewayException.invalid("'" + field + "' must be " + what + ".", field);
        }
    }
}
