package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.TranslatedResponse;
import io.vertx.core.buffer.Buffer;

/** An Anthropic {@code message} as an OpenAI {@code chat.completion}. */
final class ResponseTranslator {
    static final String ID_PREFIX = "chatcmpl-";

    private ResponseTranslator() {}

    static TranslatedResponse translate(Buffer body, String upstreamModel, long created) {
        JsonNode message = WireJson.object(body.getBytes(), "a response");
        JsonNode content = message.get("content");
        if (!"message".equals(message.path("type").asText()) || content == null || !content.isArray()) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider's response is not an Anthropic message");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean sawText = false;
        ArrayNode toolCalls = Json.MAPPER.createArrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> {
                    text.append(block.path("text").asText());
                    sawText = true;
                }
                case "thinking" -> reasoning.append(block.path("thinking").asText());
                case "tool_use" -> {
                    if (JsonResponseTool.NAME.equals(block.path("name").asText())) {
                        text.append(block.path("input").toString());
                        sawText = true;
                    } else {
                        toolCalls.add(toolCall(block));
                    }
                }
                default -> { } // redacted thinking and server-tool blocks have no OpenAI counterpart
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", ID_PREFIX + message.path("id").asText());
        out.put("object", "chat.completion");
        out.put("created", created);
        out.put("model", message.path("model").asText(upstreamModel));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode m = choice.putObject("message");
        m.put("role", "assistant");
        if (sawText) m.put("content", text.toString()); else m.putNull("content");
        m.putNull("refusal");
        if (!toolCalls.isEmpty()) m.set("tool_calls", toolCalls);
        // Kept under DeepSeek's field name, which OpenAI-compatible clients already read.
        if (!reasoning.isEmpty()) m.put("reasoning_content", reasoning.toString());
        choice.putNull("logprobs");
        choice.put("finish_reason", StopReasons.finishReason(WireJson.text(message.get("stop_reason")), !toolCalls.isEmpty()));
        Usage usage = AnthropicUsage.NONE.updatedBy(message.path("usage")).toUsage();
        out.set("usage", usage.toOpenAi());
        return new TranslatedResponse(Buffer.buffer(out.toString()), usage);
    }

    /** An OpenAI tool call; OpenAI carries the arguments as a JSON string. */
    static ObjectNode toolCall(JsonNode toolUse) {
        ObjectNode call = Json.MAPPER.createObjectNode();
        call.put("id", toolUse.path("id").asText());
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", toolUse.path("name").asText());
        JsonNode input = toolUse.get("input");
        function.put("arguments", input == null || input.isNull() ? "{}" : input.toString());
        return call;
    }
}
