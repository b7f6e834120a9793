package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Builds a request body's tree straight from Jackson's streaming parser, in one pass that also
 * notes where the top-level {@code model} string begins. It makes the same nodes as
 * {@code ObjectReader.readTree} with the gateway's settings (ints, longs and big integers as such,
 * other numbers as doubles; a duplicate key at any depth refused; nothing after the document), but
 * without databind's per-call context, and without the second parse that finding the model took.
 * Nesting depth and value lengths stay bounded by the parser's {@code StreamReadConstraints} (1,000
 * levels by default), which is also what keeps this reader's recursion shallow.
 */
final class TreeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private long objectStart = -1;
    private long modelStart = -1;

    /** Offset of the top-level object's opening brace; -1 if the document is not an object. */
    long objectStart() {
        return objectStart;
    }

    /** Offset of the opening quote of a top-level string {@code model}; -1 if there is none. */
    long modelStart() {
        return modelStart;
    }

    /** The document's tree, or null when the input holds no value at all. */
    JsonNode read(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) return null;
        JsonNode root;
        if (first == JsonToken.START_OBJECT) {
            objectStart = p.currentTokenLocation().getByteOffset();
            root = object(p, true);
        } else {
            root = value(p, first);
        }
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new JsonParseException(p, "Trailing token (of type " + trailing + ") found after the JSON value");
        }
        return root;
    }

    private ObjectNode object(JsonParser p, boolean topLevel) throws IOException {
        ObjectNode node = NODES.objectNode();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (topLevel && t == JsonToken.VALUE_STRING && "model".equals(name)) {
                modelStart = p.currentTokenLocation().getByteOffset();
            }
            if (node.replace(name, value(p, t)) != null) {
                throw new JsonParseException(p, "Duplicate field '" + name + "'");
            }
        }
        return node;
    }

    private ArrayNode array(JsonParser p) throws IOException {
        ArrayNode node = NODES.arrayNode();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) node.add(value(p, t));
        return node;
    }

    private JsonNode value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> object(p, false);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? NODES.numberNode(p.getDecimalValue()) : NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(p, "Unexpected token " + t);
        };
    }
}
