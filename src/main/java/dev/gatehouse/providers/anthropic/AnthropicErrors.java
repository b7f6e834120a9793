package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.providers.UpstreamErrors;

/** Reads Anthropic's error shape: {@code {"type":"error","error":{"type":..., "message":...}}}. */
final class AnthropicErrors {
    private AnthropicErrors() {}

    /** "overloaded_error: Overloaded"; the type tells a developer more than the message alone. */
    static String message(JsonNode json) {
        JsonNode error = json.path("error");
        String type = WireJson.text(error.path("type"));
        String message = WireJson.text(error.path("message"));
        if (message == null) return UpstreamErrors.openAiStyleMessage(json);
        return type == null ? message : type + ": " + message;
    }

    /** An {@code error} event inside a stream that had already started with HTTP 200. */
    static GatewayException streamError(JsonNode event) {
        String type = WireJson.text(event.path("error").path("type"));
        ErrorCode code = "rate_limit_error".equals(type) ? ErrorCode.UPSTREAM_RATE_LIMITED : ErrorCode.UPSTREAM_ERROR;
        String detail = message(event);
        return new GatewayException(code, "the provider failed mid-stream"
                + (detail == null || detail.isBlank() ? "" : ": " + UpstreamErrors.scrub(detail)));
    }
}
