package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;

/** OpenAI {@code tools}, {@code tool_choice}, {@code parallel_tool_calls} and {@code response_format}. */
final class ToolTranslator {
    private ToolTranslator() {}

    static void apply(ObjectNode request, ObjectNode out) {
        ArrayNode tools = tools(request.get("tools"));
        boolean clientTools = !tools.isEmpty();
        ObjectNode choice = choice(request.get("tool_choice"));
        ObjectNode jsonTool = JsonResponseTool.from(request.get("response_format"));
        if (jsonTool != null) {
            tools.add(jsonTool);
            choice = emulationChoice(choice, clientTools);
        }
        if (tools.isEmpty()) return; // a tool_choice without tools means nothing to Anthropic
        out.set("tools", tools);
        JsonNode parallel = request.get("parallel_tool_calls");
        boolean oneAtATime = parallel != null && parallel.isBoolean() && !parallel.asBoolean();
        if (oneAtATime && choice == null) choice = type("auto");
        if (oneAtATime && !choice.path("type").asText().equals("none")) choice.put("disable_parallel_tool_use", true);
        if (choice != null) out.set("tool_choice", choice);
    }

    private static ArrayNode tools(JsonNode tools) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (tools == null || tools.isNull()) return out;
        if (!tools.isArray()) throw GatewayException.invalid("'tools' must be an array", "tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools[" + i + "]";
            if (!"function".equals(tool.path("type").asText())) {
                throw GatewayException.invalid("Anthropic models support only function tools", at + ".type");
            }
            JsonNode function = tool.path("function");
            String name = function.path("name").asText("");
            if (name.isEmpty()) throw GatewayException.invalid("a function tool needs a name", at + ".function.name");
            if (name.equals(JsonResponseTool.NAME)) {
                throw GatewayException.invalid("the tool name '" + JsonResponseTool.NAME
                        + "' is reserved by the gateway for response_format on Anthropic models", at + ".function.name");
            }
            ObjectNode t = out.addObject().put("name", name);
            JsonNode description = function.get("description");
            if (description != null && description.isTextual()) t.put("description", description.asText());
            JsonNode parameters = function.get("parameters");
            // Anthropic requires an input schema; OpenAI allows leaving it out for a function without arguments.
            t.set("input_schema", parameters != null && parameters.isObject() ? parameters.deepCopy()
                    : Json.MAPPER.createObjectNode().put("type", "object").set("properties", Json.MAPPER.createObjectNode()));
        }
        return out;
    }

    private static ObjectNode choice(JsonNode choice) {
        if (choice == null || choice.isNull()) return null;
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> type("auto");
                case "none" -> type("none");
                case "required" -> type("any");
                default -> throw GatewayException.invalid("unknown tool_choice '" + choice.asText() + "'", "tool_choice");
            };
        }
        String name = choice.path("function").path("name").asText("");
        if (!"function".equals(choice.path("type").asText()) || name.isEmpty()) {
            throw GatewayException.invalid("tool_choice must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":...}}",
                    "tool_choice");
        }
        return type("tool").put("name", name);
    }

    /**
     * With response_format the answer must arrive through the JSON tool. A client that named a
     * tool of its own still gets that tool; a client that lets the model use its tools keeps them
     * usable ({@code any}: call one of them, or answer through the JSON tool); otherwise the JSON
     * tool is forced.
     */
    private static ObjectNode emulationChoice(ObjectNode clientChoice, boolean clientTools) {
        String type = clientChoice == null ? "auto" : clientChoice.path("type").asText();
        if (type.equals("tool")) return clientChoice;
        if (clientTools && !type.equals("none")) return type("any");
        return type("tool").put("name", JsonResponseTool.NAME);
    }

    private static ObjectNode type(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }
}
