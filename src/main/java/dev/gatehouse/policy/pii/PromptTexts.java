package dev.gatehouse.policy.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;

import java.io.IOException;

/**
 * The free text of a request, where a client puts personal data, visited in place so that
 * {@link PromptScan} and {@link PromptRedaction} look at exactly the same fields:
 * <ul>
 *   <li>chat: every message's {@code content}, as a string or as the {@code text} of its parts of
 *       type {@code text}; and the {@code arguments} of the assistant's earlier tool calls
 *       ({@code tool_calls[].function} and the legacy {@code function_call}), whose JSON is parsed
 *       so that each string and number value is looked at on its own, after its key (so that
 *       {@code "order_no": "6222..."} reads as an order number), and a redacted value stays a JSON
 *       string (arguments that are not JSON are treated as plain text);</li>
 *   <li>embeddings: {@code input} as a string or an array of strings (token arrays are not text).</li>
 * </ul>
 * Not visited: {@code name} fields (OpenAI restricts them to identifier characters, so a
 * placeholder would be refused; they label a participant, not a subject), tool definitions and
 * images. A visitor returns the text itself to leave it unchanged; only changed values are written.
 */
final class PromptTexts {
    private PromptTexts() {}

    /** Looks at one text; {@code context} is what labels it (an argument's key and ": "), else empty. */
    @FunctionalInterface
    interface Visitor {
        String visit(String context, String text);
    }

    static void visit(Operation op, ObjectNode body, Visitor visitor) {
        if (body == null) return;
        switch (op) {
            case CHAT -> {
                if (body.get("messages") instanceof ArrayNode messages) {
                    for (JsonNode m : messages) {
                        if (m instanceof ObjectNode message) message(message, visitor);
                    }
                }
            }
            case EMBEDDINGS -> {
                JsonNode input = body.get("input");
                if (input != null && input.isTextual()) {
                    text(body, "input", visitor);
                } else if (input instanceof ArrayNode items) {
                    for (int i = 0; i < items.size(); i++) {
                        if (items.get(i).isTextual()) element(items, i, visitor);
                    }
                }
            }
        }
    }

    private static void message(ObjectNode message, Visitor visitor) {
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            text(message, "content", visitor);
        } else if (content instanceof ArrayNode parts) {
            for (JsonNode p : parts) {
                if (p instanceof ObjectNode part && "text".equals(part.path("type").asText())) text(part, "text", visitor);
            }
        }
        if (message.get("tool_calls") instanceof ArrayNode calls) {
            for (JsonNode call : calls) {
                if (call.get("function") instanceof ObjectNode fn) arguments(fn, visitor);
            }
        }
        if (message.get("function_call") instanceof ObjectNode fn) arguments(fn, visitor);
    }

    private static void arguments(ObjectNode function, Visitor visitor) {
        JsonNode raw = function.get("arguments");
        if (raw == null || !raw.isTextual()) return;
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(raw.textValue());
        } catch (IOException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isContainerNode()) {
            text(function, "arguments", visitor);
            return;
        }
        if (values(parsed, visitor)) {
            try {
                function.put("arguments", Json.MAPPER.writeValueAsString(parsed));
            } catch (IOException e) {
                throw new IllegalStateException("a parsed tree always serialises", e);
            }
        }
    }

    /** Visits the string and integral values of a JSON tree; returns whether any changed. */
    private static boolean values(JsonNode node, Visitor visitor) {
        return values(node, "", visitor);
    }

    /** {@code context} labels array elements with the key of their array. */
    private static boolean values(JsonNode node, String context, Visitor visitor) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (var field : object.properties()) {
                String label = field.getKey() + ": ";
                TextNode out = leaf(label, field.getValue(), visitor);
                if (out != null) field.setValue(out);
                changed |= out != null || values(field.getValue(), label, visitor);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                TextNode out = leaf(context, array.get(i), visitor);
                if (out != null) array.set(i, out);
                changed |= out != null || values(array.get(i), context, visitor);
            }
        }
        return changed;
    }

    /** The new value of a string or integral leaf when the visitor changed it, else null. */
    private static TextNode leaf(String context, JsonNode v, Visitor visitor) {
        if (!v.isTextual() && !v.isIntegralNumber()) return null;
        String text = v.isTextual() ? v.textValue() : v.asText();
        String out = visitor.visit(context, text);
        return out == text || out.equals(text) ? null : TextNode.valueOf(out);
    }

    private static void text(ObjectNode parent, String field, Visitor visitor) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) return;
        String text = node.textValue();
        String out = visitor.visit("", text);
        if (out != text) parent.put(field, out);
    }

    private static void element(ArrayNode array, int i, Visitor visitor) {
        String text = array.get(i).textValue();
        String out = visitor.visit("", text);
        if (out != text) array.set(i, TextNode.valueOf(out));
    }
}
