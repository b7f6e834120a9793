package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads an OpenAI chat request body into a {@link ChatRequest}; shared by the OpenAI and Azure routes. */
final class OpenAiRequests {
    private OpenAiRequests() {}

    /** Thrown for a request OpenAI would reject with 400; the message says what is wrong. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static ChatRequest chat(JsonNode body, String model) {
        if (body == null || !body.isObject()) throw new Invalid("The request body is not a JSON object.");
        if (model == null || model.isBlank()) throw new Invalid("you must provide a model parameter");
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new Invalid("'messages' is a required property and must be a non-empty array");
        }
        List<ChatRequest.Turn> turns = new ArrayList<>();
        for (JsonNode m : messages) turns.add(new ChatRequest.Turn(m.path("role").asText("user"), text(m.get("content"))));
        Integer maxTokens = body.hasNonNull("max_completion_tokens") ? Integer.valueOf(body.get("max_completion_tokens").asInt())
                : body.hasNonNull("max_tokens") ? Integer.valueOf(body.get("max_tokens").asInt()) : null;
        if (maxTokens != null && maxTokens < 1) throw new Invalid("max_tokens must be at least 1");
        List<ChatRequest.Tool> tools = new ArrayList<>();
        for (JsonNode t : body.path("tools")) {
            JsonNode fn = t.path("function");
            tools.add(new ChatRequest.Tool(fn.path("name").asText("tool"), fn.get("parameters")));
        }
        JsonNode choice = body.get("tool_choice");
        boolean allowed = choice == null || !"none".equals(choice.asText());
        String forced = choice != null && choice.isObject() ? choice.path("function").path("name").asText(null) : null;
        JsonNode format = body.path("response_format");
        ChatRequest.Format fmt = switch (format.path("type").asText("text")) {
            case "json_object" -> ChatRequest.Format.JSON_OBJECT;
            case "json_schema" -> ChatRequest.Format.JSON_SCHEMA;
            default -> ChatRequest.Format.TEXT;
        };
        return new ChatRequest(model, turns, maxTokens, stops(body.get("stop")), tools, allowed, forced, fmt,
                format.path("json_schema").get("schema"));
    }

    static int n(JsonNode body) {
        int n = body.path("n").asInt(1);
        if (n < 1 || n > 128) throw new Invalid("n must be between 1 and 128");
        return n;
    }

    /** Message content as plain text: a string, or the text parts of a content array. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.isTextual()) sb.append(part.asText());
            else if (part.has("text")) sb.append(part.get("text").asText());
        }
        return sb.toString();
    }

    private static List<String> stops(JsonNode stop) {
        List<String> out = new ArrayList<>();
        if (stop == null || stop.isNull()) return out;
        if (stop.isTextual()) out.add(stop.asText());
        else stop.forEach(s -> out.add(s.asText()));
        return out;
    }
}
