package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.providers.StreamTranslator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic's stream events as OpenAI chunks. Anthropic numbers content blocks (text, thinking,
 * tool use) by their position in the message; OpenAI numbers tool calls by their position among
 * the tool calls, so each block is remembered with what it became.
 */
final class AnthropicStreamTranslator implements StreamTranslator {

    /** What one Anthropic content block turns into. */
    private sealed interface Block {}
    private record Text() implements Block {}
    private record Thinking() implements Block {}
    private record ToolCall(int index) implements Block {}
    /** The JSON-mode tool: its input is the answer, streamed as content. */
    private record JsonAnswer() implements Block {}
    private record Ignored() implements Block {}

    private final long created;
    private final Map<Integer, Block> blocks = new HashMap<>();
    private String id = ResponseTranslator.ID_PREFIX + "anthropic";
    private String model;
    private AnthropicUsage usage = AnthropicUsage.NONE;
    private int toolCalls;
    private boolean ended;

    AnthropicStreamTranslator(String upstreamModel, long created) {
        this.model = upstreamModel;
        this.created = created;
    }

    @Override
    public boolean onEvent(String event, String data, Consumer<ObjectNode> out) {
        if (ended) return true;
        JsonNode json = WireJson.object(data, "a stream event");
        String type = json.path("type").asText(event == null ? "" : event);
        switch (type) {
            case "message_start" -> {
                JsonNode message = json.path("message");
                id = ResponseTranslator.ID_PREFIX + message.path("id").asText("anthropic");
                model = message.path("model").asText(model);
                usage = usage.updatedBy(message.path("usage"));
                out.accept(chunk(delta().put("role", "assistant").put("content", ""), null));
            }
            case "content_block_start" -> blockStarted(json.path("index").asInt(), json.path("content_block"), out);
            case "content_block_delta" -> blockDelta(blocks.get(json.path("index").asInt()), json.path("delta"), out);
            case "message_delta" -> {
                usage = usage.updatedBy(json.path("usage"));
                JsonNode stop = json.path("delta").path("stop_reason");
                if (stop.isTextual()) out.accept(chunk(delta(), StopReasons.finishReason(stop.asText(), toolCalls > 0)));
            }
            case "message_stop" -> {
                ObjectNode last = base();
                last.putArray("choices");
                last.set("usage", usage.toUsage().toOpenAi());
                out.accept(last);
                ended = true;
            }
            case "error" -> throw AnthropicErrors.streamError(json);
            default -> { } // ping, content_block_stop, and event types Anthropic may add later
        }
        return ended;
    }

    private void blockStarted(int index, JsonNode block, Consumer<ObjectNode> out) {
        switch (block.path("type").asText()) {
            case "text" -> {
                blocks.put(index, new Text());
                String text = block.path("text").asText("");
                if (!text.isEmpty()) out.accept(chunk(delta().put("content", text), null));
            }
            case "thinking" -> blocks.put(index, new Thinking());
            case "tool_use" -> {
                if (JsonResponseTool.NAME.equals(block.path("name").asText())) {
                    blocks.put(index, new JsonAnswer());
                    return;
                }
                ToolCall call = new ToolCall(toolCalls++);
                blocks.put(index, call);
                ObjectNode tool = toolCallDelta(call);
                tool.put("id", block.path("id").asText()).put("type", "function");
                tool.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
                out.accept(chunk(toolCallsDelta(tool), null));
            }
            default -> blocks.put(index, new Ignored());
        }
    }

    private void blockDelta(Block block, JsonNode delta, Consumer<ObjectNode> out) {
        String type = delta.path("type").asText();
        String piece = switch (type) {
            case "text_delta" -> delta.path("text").asText("");
            case "thinking_delta" -> delta.path("thinking").asText("");
            case "input_json_delta" -> delta.path("partial_json").asText("");
            default -> ""; // signature_delta, citations_delta: nothing OpenAI can carry
        };
        if (piece.isEmpty() || block == null) return;
        switch (block) {
            case Text t when type.equals("text_delta") -> out.accept(chunk(delta().put("content", piece), null));
            case JsonAnswer j when type.equals("input_json_delta") -> out.accept(chunk(delta().put("content", piece), null));
            case Thinking t when type.equals("thinking_delta") ->
                    out.accept(chunk(delta().put("reasoning_content", piece), null));
            case ToolCall call when type.equals("input_json_delta") -> {
                ObjectNode tool = toolCallDelta(call);
                tool.putObject("function").put("arguments", piece);
                out.accept(chunk(toolCallsDelta(tool), null));
            }
            default -> { } // a delta that does not fit its block: nothing sensible to forward
        }
    }

    private static ObjectNode toolCallDelta(ToolCall call) {
        return Json.MAPPER.createObjectNode().put("index", call.index());
    }

    private static ObjectNode toolCallsDelta(ObjectNode toolCall) {
        ObjectNode delta = delta();
        delta.putArray("tool_calls").add(toolCall);
        return delta;
    }

    private static ObjectNode delta() {
        return Json.MAPPER.createObjectNode();
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = base();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finishReason);
        return chunk;
    }

    private ObjectNode base() {
        return Json.MAPPER.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
    }
}
