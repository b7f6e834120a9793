package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.providers.tencent.HunyuanWire.ChatRequest;
import dev.gatehouse.providers.tencent.HunyuanWire.ContentPart;
import dev.gatehouse.providers.tencent.HunyuanWire.ImageUrl;
import dev.gatehouse.providers.tencent.HunyuanWire.Message;
import dev.gatehouse.providers.tencent.HunyuanWire.Tool;
import dev.gatehouse.providers.tencent.HunyuanWire.ToolCall;
import dev.gatehouse.providers.tencent.HunyuanWire.ToolCallFunction;
import dev.gatehouse.providers.tencent.HunyuanWire.ToolFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI chat request to Hunyuan {@code ChatCompletions}. Options Hunyuan cannot honour and that
 * would change the answer ({@code n > 1}, {@code stop}, logprobs, JSON response formats) are
 * rejected rather than silently dropped. {@code max_tokens} is dropped: Hunyuan's API has no output
 * cap, and without one the model's own limit applies. {@code stream_options} needs no mapping:
 * Hunyuan reports usage in every stream.
 */
final class ChatRequestMapper {
    private ChatRequestMapper() {}

    static ChatRequest map(ObjectNode request, String model, boolean stream) {
        rejectUnsupported(request);
        List<Tool> tools = tools(request.path("tools"));
        JsonNode choice = request.path("tool_choice");
        String toolChoice = null;
        Tool customTool = null;
        if (!choice.isMissingNode() && !choice.isNull()) {
            if (choice.isTextual()) {
                switch (choice.asText()) {
                    case "none", "auto" -> toolChoice = choice.asText();
                    case "required" -> {
                        // Hunyuan can only force one named tool, which is "required" when there is one
                        if (tools == null || tools.size() != 1) {
                            throw GatewayException.invalid("tool_choice 'required' is supported by this provider only with exactly one tool",
                                    "tool_choice");
                        }
                        toolChoice = "custom";
                        customTool = tools.get(0);
                    }
                    default -> throw GatewayException.invalid("unknown tool_choice '" + choice.asText() + "'", "tool_choice");
                }
            } else {
                String name = choice.path("function").path("name").asText(null);
                customTool = tools == null ? null : tools.stream()
                        .filter(t -> t.function().name().equals(name)).findFirst().orElse(null);
                if (customTool == null) {
                    throw GatewayException.invalid("tool_choice names a function that is not in tools", "tool_choice");
                }
                toolChoice = "custom";
            }
        }
        return new ChatRequest(model, messages(request.path("messages")), stream,
                number(request, "temperature"), number(request, "top_p"),
                request.hasNonNull("seed") ? request.get("seed").asLong() : null,
                tools, toolChoice, customTool);
    }

    private static void rejectUnsupported(ObjectNode r) {
        if (r.hasNonNull("n") && r.get("n").asInt() != 1) {
            throw GatewayException.invalid("this provider returns one choice; n must be 1", "n");
        }
        if (r.hasNonNull("stop")) throw GatewayException.invalid("this provider does not support stop sequences", "stop");
        if (r.path("logprobs").asBoolean(false)) throw GatewayException.invalid("this provider does not return logprobs", "logprobs");
        String format = r.path("response_format").path("type").asText("text");
        if (!format.equals("text")) {
            throw GatewayException.invalid("this provider does not support response_format '" + format + "'", "response_format");
        }
        if (r.has("functions") || r.has("function_call")) {
            throw GatewayException.invalid("the deprecated functions/function_call fields are not supported; use tools", "functions");
        }
    }

    private static List<Message> messages(JsonNode messages) {
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(message(messages.get(i), "messages[" + i + "]"));
        }
        return out;
    }

    private static Message message(JsonNode m, String param) {
        String role = switch (m.path("role").asText("")) {
            case "system", "developer" -> "system";
            case "user" -> "user";
            case "assistant" -> "assistant";
            case "tool" -> "tool";
            default -> throw GatewayException.invalid("role '" + m.path("role").asText("") + "' is not supported by this provider",
                    param + ".role");
        };
        JsonNode content = m.path("content");
        String text = null;
        List<ContentPart> parts = null;
        if (content.isTextual()) {
            text = content.asText();
        } else if (content.isArray()) {
            parts = parts(content, param + ".content");
            if (parts.stream().allMatch(p -> p.type().equals("text"))) {
                text = String.join("\n", parts.stream().map(ContentPart::text).toList());
                parts = null;
            } else if (!role.equals("user")) {
                throw GatewayException.invalid("only user messages may contain images", param + ".content");
            }
        }
        String toolCallId = null;
        if (role.equals("tool")) {
            toolCallId = m.path("tool_call_id").asText(null);
            if (toolCallId == null) throw GatewayException.invalid("a tool message needs tool_call_id", param + ".tool_call_id");
        }
        List<ToolCall> toolCalls = role.equals("assistant") ? toolCalls(m.path("tool_calls")) : null;
        return new Message(role, text, parts, toolCallId, toolCalls, null);
    }

    private static List<ContentPart> parts(JsonNode content, String param) {
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> parts.add(new ContentPart("text", part.path("text").asText(""), null));
                // Hunyuan accepts http(s) URLs and data: URLs, as OpenAI does; "detail" has no equivalent
                case "image_url" -> parts.add(new ContentPart("image_url", null,
                        new ImageUrl(part.path("image_url").path("url").asText(""))));
                default -> throw GatewayException.invalid("content part type '" + type + "' is not supported by this provider",
                        param + "[" + j + "].type");
            }
        }
        return parts;
    }

    private static List<ToolCall> toolCalls(JsonNode calls) {
        if (!calls.isArray() || calls.isEmpty()) return null;
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (JsonNode c : calls) {
            JsonNode f = c.path("function");
            out.add(new ToolCall(c.path("id").asText(null), "function",
                    new ToolCallFunction(f.path("name").asText(null), f.path("arguments").asText("")), null));
        }
        return out;
    }

    private static List<Tool> tools(JsonNode tools) {
        if (!tools.isArray() || tools.isEmpty()) return null;
        List<Tool> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            if (!"function".equals(t.path("type").asText())) {
                throw GatewayException.invalid("only function tools are supported by this provider", "tools[" + i + "].type");
            }
            JsonNode f = t.path("function");
            out.add(new Tool("function", new ToolFunction(f.path("name").asText(""),
                    f.has("parameters") ? compact(f.get("parameters")) : null, f.path("description").asText(null))));
        }
        return out;
    }

    private static String compact(JsonNode schema) {
        try {
            return Json.MAPPER.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    private static Double number(ObjectNode r, String field) {
        return r.hasNonNull(field) ? r.get(field).asDouble() : null;
    }
}
