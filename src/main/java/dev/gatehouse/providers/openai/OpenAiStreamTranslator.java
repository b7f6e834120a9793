package dev.gatehouse.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.providers.StreamTranslator;
import dev.gatehouse.providers.UpstreamErrors;

import java.io.IOException;
import java.util.function.Consumer;

/** OpenAI-style streams are already chunks: parse each, stop at {@code [DONE]}, surface errors. Stateless. */
final class OpenAiStreamTranslator implements StreamTranslator {
    static final OpenAiStreamTranslator INSTANCE = new OpenAiStreamTranslator();

    @Override
    public boolean onEvent(String event, String data, Consumer<ObjectNode> out) {
        if ("[DONE]".equals(data.strip())) return true;
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider sent a stream chunk that is not JSON");
        }
        if (!(node instanceof ObjectNode chunk)) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider sent a stream chunk that is not a JSON object");
        }
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            String message = UpstreamErrors.scrub(error.isTextual() ? error.asText() : error.path("message").asText("unknown error"));
            String code = error.path("code").asText("");
            boolean limited = code.contains("rate_limit") || "429".equals(code) || error.path("type").asText("").contains("rate_limit");
            throw new GatewayException(limited ? ErrorCode.UPSTREAM_RATE_LIMITED : ErrorCode.UPSTREAM_ERROR,
                    "the provider reported an error mid-stream: " + message);
        }
        out.accept(chunk);
        return false;
    }

    @Override
    public boolean emitsOpenAiChunks() { return true; }
}
