package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * Builds a small JSON value that satisfies a JSON Schema, for tool-call arguments and
 * {@code json_schema} replies: required properties only; strings "sim", numbers and integers 1,
 * booleans true, arrays empty, enums their first value; local {@code $ref}s followed.
 * Minimums (minimum, minLength, minItems) are respected so common constraints still validate.
 */
final class SchemaSampler {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 16;

    private final JsonNode root;

    private SchemaSampler(JsonNode root) {
        this.root = root;
    }

    static JsonNode sample(JsonNode schema) {
        return new SchemaSampler(schema).value(schema, 0);
    }

    private JsonNode value(JsonNode s, int depth) {
        if (s == null || !s.isObject() || depth > MAX_DEPTH) return F.textNode("sim");
        if (s.has("$ref")) return value(resolve(s.get("$ref").asText()), depth + 1);
        if (s.has("const")) return s.get("const");
        if (s.has("enum") && s.get("enum").size() > 0) return s.get("enum").get(0);
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            JsonNode options = s.get(combinator);
            if (options != null && options.isArray() && !options.isEmpty()) return value(firstNonNull(options), depth + 1);
        }
        return switch (type(s)) {
            case "object" -> object(s, depth);
            case "array" -> array(s, depth);
            case "integer" -> F.numberNode(Math.max(1, (long) Math.ceil(s.path("minimum").asDouble(1))));
            case "number" -> F.numberNode(Math.max(1, s.path("minimum").asDouble(1)));
            case "boolean" -> F.booleanNode(true);
            case "null" -> F.nullNode();
            default -> F.textNode("sim".repeat(Math.max(1, (s.path("minLength").asInt(0) + 2) / 3)));
        };
    }

    private ObjectNode object(JsonNode s, int depth) {
        ObjectNode out = F.objectNode();
        JsonNode props = s.path("properties");
        for (JsonNode name : s.path("required")) out.set(name.asText(), value(props.get(name.asText()), depth + 1));
        return out;
    }

    private ArrayNode array(JsonNode s, int depth) {
        ArrayNode out = F.arrayNode();
        int min = s.path("minItems").asInt(0);
        for (int i = 0; i < min; i++) out.add(value(s.get("items"), depth + 1));
        return out;
    }

    private static String type(JsonNode s) {
        JsonNode t = s.get("type");
        if (t == null) return s.has("properties") ? "object" : s.has("items") ? "array" : "string";
        if (t.isArray()) {
            for (JsonNode one : t) if (!"null".equals(one.asText())) return one.asText();
            return "null";
        }
        return t.asText();
    }

    private static JsonNode firstNonNull(JsonNode options) {
        for (JsonNode o : options) if (!"null".equals(o.path("type").asText())) return o;
        return options.get(0);
    }

    /** Follows a local reference such as {@code #/$defs/Address}; anything else samples as a string. */
    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) return null;
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }
}
