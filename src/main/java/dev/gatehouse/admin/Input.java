package dev.gatehouse.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body read strictly: one JSON object, no field outside the endpoint's list, each field
 * of the type asked for. Every refusal names the field in {@code param}. JSON null counts as
 * absent. Nothing is coerced: "5" is not a number and 5.0 is not a whole number.
 */
final class Input {
    private static final ObjectReader READER = Json.DOCUMENT
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final ObjectNode node;

    private Input(ObjectNode node) { this.node = node; }

    static Input parse(Buffer body, Set<String> allowed) {
        if (body == null || body.length() == 0) {
            throw new GatewayException(ErrorCode.INVALID_JSON, "The request body must be a JSON object.");
        }
        JsonNode tree;
        try {
            tree = READER.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw new GatewayException(ErrorCode.INVALID_JSON, "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.INVALID_JSON, "The request body could not be read.");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new GatewayException(ErrorCode.INVALID_JSON, "The request body must be a JSON object.");
        }
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw GatewayException.invalid("Unknown field '" + name + "'; this endpoint accepts: "
                        + String.join(", ", new TreeSet<>(allowed)) + ".", name);
            }
        }
        return new Input(object);
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    String text(String field) {
        String v = optText(field);
        if (v == null) throw missing(field);
        return v;
    }

    String optText(String field) {
        if (!has(field)) return null;
        JsonNode v = node.get(field);
        if (!v.isTextual()) throw wrongType(field, "a string");
        return v.textValue();
    }

    long whole(String field) {
        Long v = optWhole(field);
        if (v == null) throw missing(field);
        return v;
    }

    Long optWhole(String field) {
        if (!has(field)) return null;
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw wrongType(field, "a whole number");
        return v.longValue();
    }

    Integer optInt(String field) {
        Long v = optWhole(field);
        if (v == null) return null;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw GatewayException.invalid(field + " is too large.", field);
        return v.intValue();
    }

    BigDecimal decimal(String field) {
        BigDecimal v = optDecimal(field);
        if (v == null) throw missing(field);
        return v;
    }

    BigDecimal optDecimal(String field) {
        if (!has(field)) return null;
        JsonNode v = node.get(field);
        if (!v.isNumber()) throw wrongType(field, "a number");
        return v.decimalValue();
    }

    Instant optInstant(String field) {
        String v = optText(field);
        if (v == null) return null;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalid(field + " must be an ISO-8601 UTC time such as 2026-01-31T00:00:00Z.", field);
        }
    }

    /** A JSON array of strings, kept in order without repeats; null if absent. */
    Set<String> optTextSet(String field) {
        if (!has(field)) return null;
        JsonNode v = node.get(field);
        if (!v.isArray()) throw wrongType(field, "an array of strings");
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) throw wrongType(field + "[" + i + "]", "a string");
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /** Any JSON value as is; null if absent. */
    JsonNode optNode(String field) { return has(field) ? node.get(field) : null; }

    /** A JSON object field as is; null if absent. */
    ObjectNode optObject(String field) {
        if (!has(field)) return null;
        if (!(node.get(field) instanceof ObjectNode o)) throw wrongType(field, "an object");
        return o;
    }

    /** A JSON array field as is; null if absent. */
    com.fasterxml.jackson.databind.node.ArrayNode optArray(String field) {
        if (!has(field)) return null;
        if (!(node.get(field) instanceof com.fasterxml.jackson.databind.node.ArrayNode a)) throw wrongType(field, "an array");
        return a;
    }

    Boolean optBoolean(String field) {
        if (!has(field)) return null;
        JsonNode v = node.get(field);
        if (!v.isBoolean()) throw wrongType(field, "true or false");
        return v.booleanValue();
    }

    /** The fields of an object inside the body, read with the same strictness. */
    static Input of(ObjectNode object, Set<String> allowed, String name) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw GatewayException.invalid("Unknown field '" + name + "." + f + "'; " + name + " accepts: "
                        + String.join(", ", new TreeSet<>(allowed)) + ".", name + "." + f);
            }
        }
        return new Input(object);
    }

    private static GatewayException missing(String field) {
        return GatewayException.invalid(field + " is required.", field);
    }

    private static GatewayException wrongType(String field, String expected) {
        return GatewayException.invalid(field + " must be " + expected + ".", field);
    }
}
