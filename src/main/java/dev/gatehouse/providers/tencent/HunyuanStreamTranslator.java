package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.StreamTranslator;
import dev.gatehouse.providers.tencent.HunyuanWire.ChatResponse;
import dev.gatehouse.providers.tencent.HunyuanWire.Choice;
import dev.gatehouse.providers.tencent.HunyuanWire.Message;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Hunyuan's stream ({@code data: {"Id","Created","Choices":[{"Delta","FinishReason"}],"Usage"}},
 * no {@code [DONE]}) to OpenAI chunks: the role on the first chunk, content and tool-call deltas,
 * the finish reason on the last, then one usage-only chunk ({@code choices: []}) built from the
 * running Usage Hunyuan sends with the finishing event. The gateway's normaliser decides whether
 * the client sees that usage chunk.
 */
final class HunyuanStreamTranslator implements StreamTranslator {
    private final String model;
    private final long now;
    private String id;
    private long created;
    private boolean roleSent;

    HunyuanStreamTranslator(String model, long now) {
        this.model = model;
        this.now = now;
    }

    @Override
    public boolean onEvent(String event, String data, Consumer<ObjectNode> out) {
        if (data == null || data.isBlank()) return false;
        if (data.trim().equals("[DONE]")) return true; // not sent by Hunyuan today; harmless if it ever is
        ChatResponse r = parse(data);
        if (id == null) {
            id = r.id() != null ? r.id() : r.requestId();
            created = r.created() != null ? r.created() : now;
        }
        if (r.choices() == null || r.choices().isEmpty()) return false;
        Choice c = r.choices().get(0); // one choice: the request never asks for more
        String finish = c.finishReason() == null || c.finishReason().isEmpty() ? null : c.finishReason();
        ObjectNode delta = delta(c.delta());
        if (!delta.isEmpty() || finish != null) {
            ObjectNode chunk = chunk();
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            if (finish != null) choice.put("finish_reason", OpenAiShapes.finishReason(finish));
            else choice.putNull("finish_reason");
            out.accept(chunk);
        }
        if (finish == null) return false;
        Usage usage = OpenAiShapes.usage(r.usage());
        if (usage != null) {
            ObjectNode last = chunk();
            last.putArray("choices");
            last.set("usage", usage.toOpenAi());
            out.accept(last);
        }
        return true;
    }

    private ObjectNode delta(Message d) {
        ObjectNode delta = Json.MAPPER.createObjectNode();
        if (!roleSent) {
            delta.put("role", "assistant");
            roleSent = true;
            delta.put("content", d == null || d.content() == null ? "" : d.content());
        } else if (d != null && d.content() != null && !d.content().isEmpty()) {
            delta.put("content", d.content());
        }
        if (d != null && d.reasoningContent() != null && !d.reasoningContent().isEmpty()) {
            delta.put("reasoning_content", d.reasoningContent());
        }
        if (d != null && d.toolCalls() != null && !d.toolCalls().isEmpty()) {
            delta.set("tool_calls", OpenAiShapes.toolCalls(d.toolCalls(), true));
        }
        return delta;
    }

    private ObjectNode chunk() {
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    private static ChatResponse parse(String data) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(data);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider sent an unreadable stream event");
        }
        if (tree == null || !tree.isObject()) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider sent a stream event that is not an object");
        }
        JsonNode event = tree.has("Response") ? tree.get("Response") : tree;
        HunyuanErrors.throwIfError(event);
        try {
            return Json.MAPPER.treeToValue(event, ChatResponse.class);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider sent a stream event of an unexpected shape");
        }
    }
}
