package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns OpenAI's message list into Anthropic's {@code system} text and {@code messages} turns.
 * System and developer messages, wherever they stand, become the one top-level system prompt.
 * Anthropic wants user and assistant turns to alternate, so consecutive messages that land on the
 * same role (a run of tool results, a tool result followed by a user remark) are merged into one
 * turn. Empty text is left out because Anthropic rejects empty text blocks.
 */
final class MessageTranslator {
    private static final String SYSTEM_SEPARATOR = "\n\n";

    /** @param system the joined system prompt, or null when there was none */
    record Conversation(String system, ArrayNode messages) {}

    private record Turn(String role, ArrayNode content) {}

    private MessageTranslator() {}

    static Conversation translate(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw GatewayException.invalid("'messages' must be a non-empty array", "messages");
        }
        List<String> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String at = "messages[" + i + "]";
            String role = m.path("role").asText("");
            switch (role) {
                case "system", "developer" -> system.addAll(ContentTranslator.texts(m.get("content"), at + ".content"));
                case "user" -> append(turns, "user", ContentTranslator.userBlocks(m.get("content"), at + ".content"));
                case "assistant" -> append(turns, "assistant", assistantBlocks(m, at));
                case "tool" -> append(turns, "user", Json.MAPPER.createArrayNode().add(toolResult(m, at)));
                default -> throw GatewayException.invalid("unsupported message role '" + role + "'", at + ".role");
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Turn t : turns) out.addObject().put("role", t.role()).set("content", t.content());
        String joined = String.join(SYSTEM_SEPARATOR, system.stream().filter(s -> !s.isEmpty()).toList());
        return new Conversation(joined.isEmpty() ? null : joined, out);
    }

    private static void append(List<Turn> turns, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) return;
        Turn last = turns.isEmpty() ? null : turns.getLast();
        if (last != null && last.role().equals(role)) last.content().addAll(blocks);
        else turns.add(new Turn(role, blocks));
    }

    private static ArrayNode assistantBlocks(JsonNode m, String at) {
        JsonNode content = m.get("content");
        ArrayNode blocks = Json.MAPPER.createArrayNode();
        if (content != null && !content.isNull()) {
            for (String text : ContentTranslator.texts(content, at + ".content")) {
                if (!text.isEmpty()) blocks.addObject().put("type", "text").put("text", text);
            }
        }
        JsonNode calls = m.get("tool_calls");
        if (calls == null || calls.isNull()) return blocks;
        if (!calls.isArray()) throw GatewayException.invalid("'tool_calls' must be an array", at + ".tool_calls");
        for (int j = 0; j < calls.size(); j++) blocks.add(toolUse(calls.get(j), at + ".tool_calls[" + j + "]"));
        return blocks;
    }

    private static ObjectNode toolUse(JsonNode call, String at) {
        JsonNode function = call.path("function");
        String id = call.path("id").asText("");
        String name = function.path("name").asText("");
        if (id.isEmpty()) throw GatewayException.invalid("a tool call needs an 'id'", at + ".id");
        if (name.isEmpty()) throw GatewayException.invalid("a tool call needs a function name", at + ".function.name");
        ObjectNode block = Json.MAPPER.createObjectNode().put("type", "tool_use").put("id", id).put("name", name);
        block.set("input", arguments(function.path("arguments"), at + ".function.arguments"));
        return block;
    }

    /** OpenAI carries arguments as a JSON string; Anthropic wants the object itself. */
    private static JsonNode arguments(JsonNode arguments, String at) {
        if (arguments.isMissingNode() || arguments.isNull() || arguments.asText().isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode parsed;
        try {
            parsed = arguments.isObject() ? arguments : Json.MAPPER.readTree(arguments.asText());
        } catch (Exception e) {
            throw GatewayException.invalid("tool call arguments must be a JSON object", at);
        }
        if (parsed == null || !parsed.isObject()) throw GatewayException.invalid("tool call arguments must be a JSON object", at);
        return parsed;
    }

    private static ObjectNode toolResult(JsonNode m, String at) {
        String id = m.path("tool_call_id").asText("");
        if (id.isEmpty()) throw GatewayException.invalid("a tool message needs 'tool_call_id'", at + ".tool_call_id");
        ObjectNode block = Json.MAPPER.createObjectNode().put("type", "tool_result").put("tool_use_id", id);
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
            block.put("content", content.asText());
        } else {
            ArrayNode parts = Json.MAPPER.createArrayNode();
            for (String text : ContentTranslator.texts(content, at + ".content")) {
                if (!text.isEmpty()) parts.addObject().put("type", "text").put("text", text);
            }
            block.set("content", parts);
        }
        return block;
    }
}
