package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;

/**
 * Anthropic has no {@code response_format}; the reliable way to get JSON of a given schema is a
 * tool whose input schema is that schema, with {@code tool_choice} forcing the model to call it.
 * The tool's input then comes back to the client as the message content. Responses are
 * translated without seeing the request, so the tool is recognised by its name, which is
 * therefore reserved: a client tool of that name is refused.
 */
final class JsonResponseTool {
    static final String NAME = "json_response";

    private JsonResponseTool() {}

    /** The tool for an OpenAI {@code response_format}, or null when the client wants plain text. */
    static ObjectNode from(JsonNode responseFormat) {
        if (responseFormat == null || responseFormat.isNull()) return null;
        String type = responseFormat.path("type").asText("");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> tool("Reply with your answer as a JSON object, given as this tool's input.",
                    Json.MAPPER.createObjectNode().put("type", "object").put("additionalProperties", true));
            case "json_schema" -> fromSchema(responseFormat.path("json_schema"));
            default -> throw GatewayException.invalid("unsupported response_format type '" + type + "'", "response_format.type");
        };
    }

    private static ObjectNode fromSchema(JsonNode jsonSchema) {
        JsonNode schema = jsonSchema.get("schema");
        if (schema == null || !schema.isObject() || !"object".equals(schema.path("type").asText())) {
            throw GatewayException.invalid("Anthropic models need a JSON schema whose root is an object",
                    "response_format.json_schema.schema");
        }
        String description = "Reply with your answer, given as this tool's input";
        String name = jsonSchema.path("name").asText("");
        if (!name.isEmpty()) description += " (" + name + ")";
        String purpose = jsonSchema.path("description").asText("");
        description += purpose.isEmpty() ? "." : ". " + purpose;
        return tool(description, schema);
    }

    private static ObjectNode tool(String description, JsonNode schema) {
        ObjectNode tool = Json.MAPPER.createObjectNode().put("name", NAME).put("description", description);
        tool.set("input_schema", schema.deepCopy());
        return tool;
    }
}
