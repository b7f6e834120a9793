package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One condition of a policy rule on a fact with a few possible values: written as a list
 * ({@code [CU, IR]}: the fact is one of these), a single value, or {@code {not: [CN]}} (the fact
 * is none of these). Checked and compiled by the policy, not here.
 */
public record Match(List<String> values, boolean negated) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Match of(JsonNode node) {
        if (node.isObject()) {
            if (node.size() != 1 || !node.has("not")) {
                throw new IllegalArgumentException("a condition is a list of values or {not: [values]}, not " + node);
            }
            return new Match(values(node.get("not")), true);
        }
        return new Match(values(node), false);
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode v : node) {
                if (!v.isValueNode() || v.isNull()) throw new IllegalArgumentException("a condition's values are words, not " + v);
                out.add(v.asText());
            }
        } else if (node.isValueNode() && !node.isNull()) {
            out.add(node.asText());
        } else {
            throw new IllegalArgumentException("a condition is a list of values or {not: [values]}, not " + node);
        }
        return List.copyOf(out);
    }
}
