package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Usage;
import dev.gatehouse.metering.TokenCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Anthropic's Messages API, {@code POST /v1/messages}: {@code x-api-key} and {@code anthropic-version}
 * required, plain and streamed answers (message_start, content_block_start, ping, content_block_delta,
 * content_block_stop, message_delta, message_stop), tool_use blocks when tools are given.
 */
final class AnthropicDialect implements Dialect {
    private final ReplyGenerator generator;
    private final AtomicLong ids = new AtomicLong();

    AnthropicDialect(ReplyGenerator generator) {
        this.generator = generator;
    }

    Reply messages(Call call, Timing timing) {
        String key = call.header("x-api-key");
        if (key == null || key.isBlank()) return error(401, "authentication_error", "x-api-key header is required");
        if (OpenAiDialect.INVALID_KEY.equals(key)) return error(401, "authentication_error", "invalid x-api-key");
        if (call.header("anthropic-version") == null) return error(400, "invalid_request_error", "anthropic-version: header is required");
        JsonNode body = call.json();
        if (body == null || !body.isObject()) return error(400, "invalid_request_error", "The request body is not valid JSON.");
        if (call.model() == null) return error(400, "invalid_request_error", "model: Field required");
        if (!body.path("max_tokens").canConvertToInt() || body.path("max_tokens").asInt() < 1) {
            return error(400, "invalid_request_error", "max_tokens: Field required");
        }
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            return error(400, "invalid_request_error", "messages: Field required");
        }
        Completion c = generator.generate(request(body, call.model()));
        int input = TokenCounter.standard().countMessages(body.get("messages")) + TokenCounter.standard().count(systemText(body.get("system")));
        Usage usage = new Usage(input, c.completionTokens(), 0, true);
        String id = "msg_sim_" + ids.incrementAndGet();
        Map<String, String> headers = Map.of("request-id", "req_sim_" + ids.get());
        if (body.path("stream").asBoolean(false)) return stream(id, call.model(), c, usage, headers, timing.chunkTokens());
        ObjectNode message = message(id, call.model(), usage);
        ObjectNode block = message.withArray("content").addObject();
        if (c.toolCall() == null) {
            block.put("type", "text").put("text", c.text());
        } else {
            block.put("type", "tool_use").put("id", toolUseId(c)).put("name", c.toolCall().name());
            block.set("input", parse(c.toolCall().arguments()));
        }
        message.put("stop_reason", stopReason(c));
        if (c.stopSequence() == null) message.putNull("stop_sequence"); else message.put("stop_sequence", c.stopSequence());
        message.withObjectProperty("usage").put("output_tokens", usage.completionTokens());
        return Reply.Plain.ok(message, usage, headers);
    }

    private static Reply stream(String id, String model, Completion c, Usage usage, Map<String, String> headers, int chunkTokens) {
        List<Reply.Frame> out = new ArrayList<>();
        ObjectNode start = Json.MAPPER.createObjectNode().put("type", "message_start");
        ObjectNode message = message(id, model, usage);
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.withObjectProperty("usage").put("output_tokens", 1);
        start.set("message", message);
        out.add(Reply.Frame.event("message_start", start, 0));
        ObjectNode blockStart = Json.MAPPER.createObjectNode().put("type", "content_block_start").put("index", 0);
        ObjectNode block = blockStart.putObject("content_block");
        if (c.toolCall() == null) block.put("type", "text").put("text", "");
        else block.put("type", "tool_use").put("id", toolUseId(c)).put("name", c.toolCall().name()).putObject("input");
        out.add(Reply.Frame.event("content_block_start", blockStart, 0));
        out.add(Reply.Frame.event("ping", Json.MAPPER.createObjectNode().put("type", "ping"), 0));
        for (List<String> group : Tokens.groups(c.pieces(), chunkTokens)) {
            ObjectNode delta = Json.MAPPER.createObjectNode().put("type", "content_block_delta").put("index", 0);
            String part = String.join("", group);
            if (c.toolCall() == null) delta.putObject("delta").put("type", "text_delta").put("text", part);
            else delta.putObject("delta").put("type", "input_json_delta").put("partial_json", part);
            out.add(Reply.Frame.event("content_block_delta", delta, group.size()));
        }
        out.add(Reply.Frame.event("content_block_stop", Json.MAPPER.createObjectNode().put("type", "content_block_stop").put("index", 0), 0));
        ObjectNode messageDelta = Json.MAPPER.createObjectNode().put("type", "message_delta");
        ObjectNode delta = messageDelta.putObject("delta").put("stop_reason", stopReason(c));
        if (c.stopSequence() == null) delta.putNull("stop_sequence"); else delta.put("stop_sequence", c.stopSequence());
        messageDelta.putObject("usage").put("output_tokens", usage.completionTokens());
        out.add(Reply.Frame.event("message_delta", messageDelta, 0));
        out.add(Reply.Frame.event("message_stop", Json.MAPPER.createObjectNode().put("type", "message_stop"), 0));
        return new Reply.Stream(headers, out, usage);
    }

    private static ObjectNode message(String id, String model, Usage usage) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("id", id);
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", model);
        m.putArray("content");
        ObjectNode u = m.putObject("usage");
        u.put("input_tokens", usage.promptTokens());
        u.put("cache_creation_input_tokens", 0);
        u.put("cache_read_input_tokens", 0);
        return m;
    }

    /** Reads the Messages request; a user turn made of tool_result blocks counts as a tool turn. */
    private static ChatRequest request(JsonNode body, String model) {
        List<ChatRequest.Turn> turns = new ArrayList<>();
        for (JsonNode m : body.get("messages")) {
            JsonNode content = m.get("content");
            boolean toolResult = content != null && content.isArray() && content.size() > 0
                    && "tool_result".equals(content.get(0).path("type").asText());
            String text = toolResult ? OpenAiRequests.text(content.get(0).get("content")) : OpenAiRequests.text(content);
            turns.add(new ChatRequest.Turn(toolResult ? "tool" : m.path("role").asText("user"), text));
        }
        List<ChatRequest.Tool> tools = new ArrayList<>();
        for (JsonNode t : body.path("tools")) tools.add(new ChatRequest.Tool(t.path("name").asText("tool"), t.get("input_schema")));
        JsonNode choice = body.path("tool_choice");
        List<String> stops = new ArrayList<>();
        body.path("stop_sequences").forEach(s -> stops.add(s.asText()));
        return new ChatRequest(model, turns, body.get("max_tokens").asInt(), stops, tools,
                !"none".equals(choice.path("type").asText()), "tool".equals(choice.path("type").asText()) ? choice.path("name").asText() : null,
                ChatRequest.Format.TEXT, null);
    }

    private static String systemText(JsonNode system) {
        return OpenAiRequests.text(system);
    }

    private static String stopReason(Completion c) {
        if (c.stopSequence() != null) return "stop_sequence";
        return switch (c.finish()) {
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case STOP, CONTENT_FILTER -> "end_turn";
        };
    }

    private static String toolUseId(Completion c) {
        return c.toolCall().id().replace("call_", "toolu_");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the schema sampler wrote invalid JSON", e);
        }
    }

    @Override
    public Reply.Plain error(int status, String message) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        return error(status, type, message);
    }

    /** Anthropic's error body: {@code {"type":"error","error":{"type","message"}}}. */
    private static Reply.Plain error(int status, String type, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return Reply.Plain.error(status, body);
    }
}
