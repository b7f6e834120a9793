package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads a streamed chat chunk's JSON text with Jackson's streaming parser, no tree, for
 * {@link ChunkNormalizer#acceptText}: whether the chunk is one that the normaliser would pass on
 * unchanged, and what it would learn from it. Most chunks of an OpenAI-style stream are such; a
 * tree, changed and written again, cost some 2.8 µs a chunk, and every chunk that one network read
 * brings is handled before any of them leaves.
 * <p>Collects the text of each delta into the normaliser's buffer, in the order
 * {@link ChunkNormalizer#accept} does (content, reasoning, then each tool call's name and
 * arguments), since a token estimate depends on it; {@link #discardText} takes it back out.
 */
final class ChunkTextScan {
    private static final String CHUNK_OBJECT = "chat.completion.chunk";

    /**
     * What a chunk fit to pass on says.
     *
     * @param usageStart where its {@code "usage": null} member begins (the name's opening quote),
     *                   or -1 when it has none
     * @param usageEnd   just past that member's {@code null}
     */
    record Result(String id, long created, String model, boolean finished, int usageStart, int usageEnd) {
        /** The chunk's text without its {@code "usage": null} member and the comma that joined it. */
        String withoutUsageNull(String json) {
            if (usageStart < 0) return json;
            int before = usageStart - 1;
            while (Character.isWhitespace(json.charAt(before))) before--;
            if (json.charAt(before) == ',') return json.substring(0, before) + json.substring(usageEnd);
            int after = usageEnd; // the object's first member: drop the comma after it instead
            while (Character.isWhitespace(json.charAt(after))) after++;
            if (json.charAt(after) == ',') after++;
            return json.substring(0, usageStart) + json.substring(after);
        }
    }

    private final StringBuilder text;
    private int textMark;
    private boolean finished;

    ChunkTextScan(StringBuilder text) {
        this.text = text;
    }

    /** Reads one chunk; null, with nothing collected, when it needs the tree. */
    Result read(String json) {
        textMark = text.length();
        finished = false;
        Result result;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            result = chunk(p, json);
        } catch (IOException e) { // not JSON: the tree's parse reports it
            result = null;
        }
        if (result == null) discardText();
        return result;
    }

    /** Takes out the text the last {@link #read} collected. */
    void discardText() {
        text.setLength(textMark);
    }

    private Result chunk(JsonParser p, String json) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) return null;
        String id = null;
        String model = null;
        boolean object = false;
        boolean hasModel = false;
        long created = ChunkNormalizer.NO_CREATED;
        int choices = 0;
        int usageStart = -1;
        int usageEnd = -1;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "id" -> {
                    if (value != JsonToken.VALUE_STRING) return null;
                    id = p.getText();
                }
                case "object" -> {
                    if (value != JsonToken.VALUE_STRING || !CHUNK_OBJECT.equals(p.getText())) return null;
                    object = true;
                }
                case "created" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) return null;
                    created = p.getLongValue();
                }
                case "model" -> {
                    hasModel = true;
                    if (value == JsonToken.VALUE_STRING) model = p.getText();
                    else p.skipChildren();
                }
                case "choices" -> {
                    if (value != JsonToken.START_ARRAY) return null;
                    choices = choices(p);
                    if (choices < 0) return null;
                }
                case "usage" -> { // OpenAI sends "usage": null on every chunk while include_usage is on
                    if (value != JsonToken.VALUE_NULL) return null;
                    int nullStart = (int) p.currentTokenLocation().getCharOffset();
                    usageStart = usageNameStart(json, nullStart);
                    if (usageStart < 0) return null;
                    usageEnd = nullStart + "null".length();
                }
                case "error" -> {
                    return null; // the translator reports it
                }
                default -> p.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT || p.nextToken() != null) return null;
        if (id == null || !object || created == ChunkNormalizer.NO_CREATED || !hasModel || choices == 0) return null;
        return new Result(id, created, model, finished, usageStart, usageEnd);
    }

    /**
     * Where the name of the {@code usage} member whose {@code null} begins at {@code nullStart}
     * opens, found by reading back over the colon; -1 when the name is written with an escape,
     * which the tree then handles.
     */
    private static int usageNameStart(String json, int nullStart) {
        int i = nullStart - 1;
        while (Character.isWhitespace(json.charAt(i))) i--;
        if (json.charAt(i) != ':') return -1;
        i--;
        while (Character.isWhitespace(json.charAt(i))) i--;
        int open = i - "usage".length() - 1;
        return open >= 0 && json.startsWith("\"usage\"", open) ? open : -1;
    }

    /** The choices array, from its start: how many, or -1 when one needs the tree. */
    private int choices(JsonParser p) throws IOException {
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) return -1;
            count++;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "delta" -> {
                        if (value == JsonToken.START_OBJECT) delta(p);
                        else p.skipChildren();
                    }
                    case "finish_reason" -> {
                        if (value != JsonToken.VALUE_NULL) finished = true;
                        p.skipChildren();
                    }
                    case "usage" -> {
                        return -1; // inside a choice (Moonshot): accept moves it out
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return count;
    }

    private void delta(JsonParser p) throws IOException {
        String content = null;
        String reasoning = null;
        StringBuilder tools = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "content" -> content = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "reasoning_content" -> reasoning = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "tool_calls" -> {
                    tools = null;
                    if (value == JsonToken.START_ARRAY) tools = toolCalls(p);
                    else p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        if (content != null) text.append(content);
        if (reasoning != null) text.append(reasoning);
        if (tools != null) text.append(tools);
    }

    /** Each call's function name, then its arguments, as accept collects them. */
    private static StringBuilder toolCalls(JsonParser p) throws IOException {
        StringBuilder tools = new StringBuilder();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String name = null;
            String arguments = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean function = "function".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (!function || value != JsonToken.START_OBJECT) {
                    if (function) name = arguments = null;
                    p.skipChildren();
                    continue;
                }
                name = arguments = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("name".equals(field)) name = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    else if ("arguments".equals(field)) arguments = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    else p.skipChildren();
                }
            }
            if (name != null) tools.append(name);
            if (arguments != null) tools.append(arguments);
        }
        return tools;
    }
}
