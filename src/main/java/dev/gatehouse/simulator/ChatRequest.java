package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A chat request in the terms every dialect shares, which is all the {@link ReplyGenerator} needs.
 *
 * @param turns       the conversation, oldest first, text only
 * @param maxTokens   the request's output limit, or null
 * @param stops       stop sequences (possibly empty)
 * @param tools       the callable tools (possibly empty)
 * @param toolsAllowed false when the request forbids tool calls ({@code tool_choice: none})
 * @param forcedTool  the tool the request names in its tool choice, or null for "the first"
 * @param format      the requested output format
 * @param schema      the JSON Schema of a {@link Format#JSON_SCHEMA} reply, else null
 */
record ChatRequest(String model, List<Turn> turns, Integer maxTokens, List<String> stops, List<Tool> tools,
                   boolean toolsAllowed, String forcedTool, Format format, JsonNode schema) {

    record Turn(String role, String text) {}

    /** A callable function and the JSON Schema of its arguments. */
    record Tool(String name, JsonNode parameters) {}

    enum Format { TEXT, JSON_OBJECT, JSON_SCHEMA }

    Turn last() {
        return turns.isEmpty() ? new Turn("user", "") : turns.get(turns.size() - 1);
    }

    /** The text of the last user turn, or empty. */
    String lastUserText() {
        for (int i = turns.size() - 1; i >= 0; i--) if ("user".equals(turns.get(i).role())) return turns.get(i).text();
        return "";
    }
}
