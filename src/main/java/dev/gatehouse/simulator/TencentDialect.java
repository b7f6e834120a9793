package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Usage;
import dev.gatehouse.metering.TokenCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tencent Hunyuan's native API: {@code POST /} with {@code X-TC-Action: ChatCompletions} or
 * {@code GetEmbedding}, {@code X-TC-Version: 2023-09-01}, TC3-HMAC-SHA256 signed, PascalCase bodies.
 * Like Tencent, errors come back with HTTP 200 as {@code {"Response":{"Error":{Code,Message},RequestId}}}.
 * Streams are SSE {@code data:} lines with running usage on every event; the last has
 * {@code FinishReason: "stop"} and there is no {@code [DONE]} line.
 */
final class TencentDialect implements Dialect {
    static final String VERSION = "2023-09-01";
    private static final String NOTE = "以上内容为AI生成，不代表开发者立场，请勿删除或修改本标记";

    private final ReplyGenerator generator;
    private final Tc3Verifier verifier;
    private final int embeddingDimensions;

    TencentDialect(ReplyGenerator generator, Tc3Verifier verifier, int embeddingDimensions) {
        this.generator = generator;
        this.verifier = verifier;
        this.embeddingDimensions = embeddingDimensions;
    }

    Reply answer(Call call, Timing timing) {
        Tc3Verifier.Verdict verdict = verifier.verify(call.method(), call.path(), call.query(), call::header, call.body().getBytes());
        if (verdict instanceof Tc3Verifier.Verdict.Invalid(String code, String message)) return error(code, message);
        String version = call.header("x-tc-version");
        if (!VERSION.equals(version)) return error("NoSuchVersion", "The API version `" + version + "` does not exist; use " + VERSION + ".");
        JsonNode body = call.json();
        if (body == null || !body.isObject()) return error("InvalidParameter", "The request body is not a JSON object.");
        String action = call.header("x-tc-action");
        return switch (action == null ? "" : action) {
            case "ChatCompletions" -> chat(body, call.model(), timing);
            case "GetEmbedding" -> embedding(body);
            default -> error("InvalidAction", "The action `" + action + "` is not supported by the simulator.");
        };
    }

    private Reply chat(JsonNode body, String model, Timing timing) {
        if (model == null) return error("MissingParameter", "The parameter `Model` is missing.");
        JsonNode messages = body.get("Messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) return error("MissingParameter", "The parameter `Messages` is missing.");
        List<ChatRequest.Turn> turns = new ArrayList<>();
        ArrayNode openAiView = Json.MAPPER.createArrayNode(); // the token counter reads OpenAI's field names
        for (JsonNode m : messages) {
            String role = m.path("Role").asText("user");
            String content = m.path("Content").asText("");
            turns.add(new ChatRequest.Turn(role, content));
            openAiView.addObject().put("role", role).put("content", content);
        }
        String toolChoice = body.path("ToolChoice").asText("auto");
        String forced = "custom".equals(toolChoice) ? body.path("CustomTool").path("Function").path("Name").asText(null) : null;
        Completion c = generator.generate(new ChatRequest(model, turns, null, List.of(), tools(body.path("Tools")),
                !"none".equals(toolChoice), forced, ChatRequest.Format.TEXT, null));
        if (model.contains("content-filter")) c = c.filtered();
        Usage usage = new Usage(TokenCounter.standard().countMessages(openAiView), c.completionTokens(), 0, true);
        String id = UUID.randomUUID().toString();
        long created = System.currentTimeMillis() / 1000;
        String finish = c.finish() == Completion.Finish.CONTENT_FILTER ? "sensitive"
                : c.finish() == Completion.Finish.TOOL_CALLS ? "tool_calls" : "stop";
        if (!body.path("Stream").asBoolean(false)) {
            ObjectNode response = Json.MAPPER.createObjectNode();
            ObjectNode r = response.putObject("Response");
            r.put("Id", id);
            r.put("Created", created);
            r.put("Note", NOTE);
            ObjectNode choice = r.putArray("Choices").addObject();
            choice.put("Index", 0);
            choice.put("FinishReason", finish);
            ObjectNode message = choice.putObject("Message").put("Role", "assistant").put("Content", c.toolCall() == null ? c.text() : "");
            if (c.toolCall() != null) message.set("ToolCalls", toolCalls(c.toolCall()));
            r.set("Usage", usage(usage.promptTokens(), usage.completionTokens()));
            r.put("RequestId", id);
            return Reply.Plain.ok(response, usage, Map.of("x-tc-requestid", id));
        }
        List<Reply.Frame> frames = new ArrayList<>();
        long sent = 0;
        if (c.toolCall() != null) { // Hunyuan sends a tool call whole, in one event
            ObjectNode e = event(id, created, "", "", usage.promptTokens(), usage.completionTokens());
            ((ObjectNode) e.path("Choices").get(0).path("Delta")).set("ToolCalls", toolCalls(c.toolCall()));
            frames.add(Reply.Frame.data(e, c.completionTokens()));
        }
        List<List<String>> groups = c.toolCall() != null ? List.of() : Tokens.groups(c.pieces(), timing.chunkTokens());
        for (List<String> group : groups) {
            sent += group.size();
            frames.add(Reply.Frame.data(event(id, created, String.join("", group), "", usage.promptTokens(), sent), group.size()));
        }
        frames.add(Reply.Frame.data(event(id, created, "", finish, usage.promptTokens(), usage.completionTokens()), 0));
        return new Reply.Stream(Map.of("x-tc-requestid", id), frames, usage);
    }

    /** Hunyuan's {@code Tools}: each function's {@code Parameters} is a JSON Schema written as a string. */
    private static List<ChatRequest.Tool> tools(JsonNode tools) {
        List<ChatRequest.Tool> out = new ArrayList<>();
        for (JsonNode t : tools) {
            JsonNode fn = t.path("Function");
            JsonNode parameters;
            try {
                parameters = Json.MAPPER.readTree(fn.path("Parameters").asText("{}"));
            } catch (java.io.IOException e) {
                parameters = null;
            }
            out.add(new ChatRequest.Tool(fn.path("Name").asText("tool"), parameters));
        }
        return out;
    }

    private static ArrayNode toolCalls(Completion.ToolCall call) {
        ArrayNode calls = Json.MAPPER.createArrayNode();
        ObjectNode c = calls.addObject().put("Id", call.id()).put("Type", "function").put("Index", 0);
        c.putObject("Function").put("Name", call.name()).put("Arguments", call.arguments());
        return calls;
    }

    private static ObjectNode event(String id, long created, String content, String finish, long prompt, long completion) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("Note", NOTE);
        ObjectNode choice = e.putArray("Choices").addObject();
        choice.put("Index", 0);
        choice.putObject("Delta").put("Role", "assistant").put("Content", content);
        choice.put("FinishReason", finish);
        e.put("Created", created);
        e.put("Id", id);
        e.set("Usage", usage(prompt, completion));
        return e;
    }

    private Reply embedding(JsonNode body) {
        List<String> inputs = new ArrayList<>();
        if (body.path("Input").isTextual()) inputs.add(body.get("Input").asText());
        body.path("InputList").forEach(i -> inputs.add(i.asText()));
        if (inputs.isEmpty()) return error("MissingParameter", "One of the parameters `Input` or `InputList` is required.");
        ObjectNode response = Json.MAPPER.createObjectNode();
        ObjectNode r = response.putObject("Response");
        ArrayNode data = r.putArray("Data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode d = data.addObject();
            ArrayNode vector = d.putArray("Embedding");
            for (float f : Embedder.vector(inputs.get(i), embeddingDimensions)) vector.add(f);
            d.put("Index", i);
            d.put("Object", "embedding");
            tokens += TokenCounter.standard().count(inputs.get(i));
        }
        r.putObject("Usage").put("PromptTokens", tokens).put("TotalTokens", tokens);
        String id = UUID.randomUUID().toString();
        r.put("RequestId", id);
        return Reply.Plain.ok(response, new Usage(tokens, 0, 0, true), Map.of("x-tc-requestid", id));
    }

    private static ObjectNode usage(long prompt, long completion) {
        ObjectNode u = Json.MAPPER.createObjectNode();
        u.put("PromptTokens", prompt);
        u.put("CompletionTokens", completion);
        u.put("TotalTokens", prompt + completion);
        return u;
    }

    /** Tencent maps failures to codes, not statuses: the HTTP status stays 200. */
    @Override
    public Reply.Plain error(int status, String message) {
        String code = switch (status) {
            case 400 -> "InvalidParameter";
            case 401, 403 -> "AuthFailure.UnauthorizedOperation";
            case 404 -> "ResourceNotFound";
            case 429 -> "RequestLimitExceeded";
            case 503 -> "ResourceUnavailable";
            default -> "InternalError";
        };
        return error(code, message);
    }

    private static Reply.Plain error(String code, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode r = body.putObject("Response");
        r.putObject("Error").put("Code", code).put("Message", message);
        r.put("RequestId", UUID.randomUUID().toString());
        return Reply.Plain.error(200, body);
    }
}
