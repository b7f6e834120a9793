package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.tencent.HunyuanWire.ChatResponse;
import dev.gatehouse.providers.tencent.HunyuanWire.Choice;
import dev.gatehouse.providers.tencent.HunyuanWire.Message;

/** A complete Hunyuan {@code Response} to OpenAI's {@code chat.completion}. */
final class ChatResponseMapper {
    private ChatResponseMapper() {}

    record Mapped(ObjectNode body, Usage usage) {
    }

    static Mapped map(ChatResponse r, String model, long now) {
        if (r.choices() == null || r.choices().isEmpty()) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider returned no choices");
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", r.id() != null ? r.id() : r.requestId());
        out.put("object", "chat.completion");
        out.put("created", r.created() != null ? r.created() : now);
        out.put("model", model);
        ArrayNode choices = out.putArray("choices");
        for (int i = 0; i < r.choices().size(); i++) {
            Choice c = r.choices().get(i);
            Message m = c.message() != null ? c.message() : new Message("assistant", "", null, null, null, null);
            boolean hasCalls = m.toolCalls() != null && !m.toolCalls().isEmpty();
            ObjectNode choice = choices.addObject();
            choice.put("index", c.index() != null ? c.index() : i);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            // OpenAI sends null content beside tool calls; Hunyuan sends ""
            if (hasCalls && (m.content() == null || m.content().isEmpty())) message.putNull("content");
            else message.put("content", m.content() == null ? "" : m.content());
            message.putNull("refusal");
            // hunyuan-t1's reasoning is kept under DeepSeek's field name, which clients already know
            if (m.reasoningContent() != null && !m.reasoningContent().isEmpty()) message.put("reasoning_content", m.reasoningContent());
            if (hasCalls) message.set("tool_calls", OpenAiShapes.toolCalls(m.toolCalls(), false));
            choice.putNull("logprobs");
            choice.put("finish_reason", OpenAiShapes.finishReason(c.finishReason()));
        }
        Usage usage = OpenAiShapes.usage(r.usage());
        if (usage != null) out.set("usage", usage.toOpenAi());
        return new Mapped(out, usage);
    }
}
