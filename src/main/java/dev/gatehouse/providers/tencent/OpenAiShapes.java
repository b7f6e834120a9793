package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.tencent.HunyuanWire.TokenUsage;
import dev.gatehouse.providers.tencent.HunyuanWire.ToolCall;

import java.util.List;

/** The pieces of OpenAI's response shapes that the complete and the streamed translation share. */
final class OpenAiShapes {
    private OpenAiShapes() {}

    /** Hunyuan's FinishReason as OpenAI's; {@code sensitive} is Hunyuan's moderation stop. */
    static String finishReason(String hunyuan) {
        if (hunyuan == null) return "stop";
        return switch (hunyuan) {
            case "tool_calls" -> "tool_calls";
            case "sensitive" -> "content_filter";
            case "length" -> "length";
            default -> "stop";
        };
    }

    /**
     * OpenAI {@code tool_calls}. In a stream each entry also needs its {@code index}, and fields
     * Hunyuan left out (a continuation of arguments) stay out.
     */
    static ArrayNode toolCalls(List<ToolCall> calls, boolean streamed) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            ObjectNode n = out.addObject();
            if (streamed) n.put("index", c.index() != null ? c.index() : i);
            if (c.id() != null || !streamed) n.put("id", c.id());
            if (c.id() != null || !streamed) n.put("type", "function");
            ObjectNode f = n.putObject("function");
            if (c.function() != null) {
                if (c.function().name() != null || !streamed) f.put("name", c.function().name());
                if (c.function().arguments() != null) f.put("arguments", c.function().arguments());
                else if (!streamed) f.put("arguments", "");
            } else if (!streamed) {
                f.putNull("name");
                f.put("arguments", "");
            }
        }
        return out;
    }

    static Usage usage(TokenUsage u) {
        if (u == null) return null;
        return new Usage(orZero(u.promptTokens()), orZero(u.completionTokens()), 0, true);
    }

    private static long orZero(Long n) { return n == null ? 0 : n; }
}
