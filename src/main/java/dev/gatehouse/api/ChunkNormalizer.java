package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.metering.TokenCounter;

import java.util.function.Consumer;

/**
 * What every streamed chat response goes through after its dialect's translator, so that all
 * providers look like OpenAI: one {@code id}, {@code created} and {@code model} across chunks;
 * usage captured whatever the provider does (a final usage-only chunk, running totals on every
 * chunk, usage inside a choice, or none at all, then counted with JTokkit); and usage shown to the
 * client only as OpenAI does, in one final {@code choices: []} chunk, and only if it asked.
 */
public final class ChunkNormalizer {
    private final boolean clientWantsUsage;
    private final JsonNode requestMessages;
    private String id;
    private long created;
    private String model;
    private Usage reported;
    private final StringBuilder completionText = new StringBuilder();
    private boolean sawFinish;

    public ChunkNormalizer(boolean clientWantsUsage, JsonNode requestMessages) {
        this.clientWantsUsage = clientWantsUsage;
        this.requestMessages = requestMessages;
    }

    /** Normalises one chunk and passes it on, unless it only carried usage (held for the end). */
    public void accept(ObjectNode chunk, Consumer<ObjectNode> out) {
        stampIdentity(chunk);
        JsonNode choices = chunk.get("choices");
        captureUsage(chunk.get("usage"));
        if (choices instanceof ArrayNode list) {
            for (JsonNode choice : list) {
                if (choice instanceof ObjectNode c) {
                    captureUsage(c.remove("usage")); // Moonshot puts usage inside the last choice
                    collectText(c.get("delta"));
                    JsonNode finish = c.get("finish_reason");
                    if (finish != null && !finish.isNull()) sawFinish = true;
                }
            }
        }
        boolean usageOnly = (choices == null || choices.isEmpty()) && chunk.hasNonNull("usage");
        if (usageOnly) return; // re-emitted once, at the end, if the client asked
        if (chunk.has("usage")) {
            if (clientWantsUsage) chunk.putNull("usage"); // OpenAI's shape while include_usage is on
            else chunk.remove("usage");
        }
        out.accept(chunk);
    }

    /** Whether some chunk carried a {@code finish_reason}: a stream cut before it is incomplete. */
    public boolean sawFinish() { return sawFinish; }

    /** The usage of the whole response: as reported, else estimated from the request and text. */
    public Usage usage() {
        if (reported != null) return reported;
        TokenCounter counter = TokenCounter.standard();
        return new Usage(counter.countMessages(requestMessages), counter.count(completionText.toString()), 0, false);
    }

    /** The final usage-only chunk, when the client asked for one; null otherwise. */
    public ObjectNode finalUsageChunk() {
        if (!clientWantsUsage) return null;
        ObjectNode chunk = Json.MAPPER.createObjectNode();
        chunk.put("id", id != null ? id : "chatcmpl-gatehouse");
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created != 0 ? created : System.currentTimeMillis() / 1000);
        chunk.put("model", model != null ? model : "");
        chunk.putArray("choices");
        chunk.set("usage", usage().toOpenAi());
        return chunk;
    }

    private void stampIdentity(ObjectNode chunk) {
        if (id == null) {
            JsonNode i = chunk.get("id");
            id = i != null && i.isTextual() && !i.asText().isEmpty() ? i.asText() : "chatcmpl-" + Long.toHexString(System.nanoTime());
            JsonNode c = chunk.get("created");
            created = c != null && c.canConvertToLong() ? c.asLong() : System.currentTimeMillis() / 1000;
            JsonNode m = chunk.get("model");
            model = m != null && m.isTextual() ? m.asText() : "";
        }
        // Azure's first chunk (prompt_filter_results only) has model "" and created 0: learn them later
        if (model.isEmpty() && chunk.path("model").isTextual()) model = chunk.get("model").asText();
        if (created == 0 && chunk.path("created").canConvertToLong()) created = chunk.get("created").asLong();
        JsonNode i = chunk.get("id");
        if (i == null || !id.equals(i.asText())) chunk.put("id", id);
        if (!"chat.completion.chunk".equals(chunk.path("object").asText())) chunk.put("object", "chat.completion.chunk");
        if (!chunk.has("created")) chunk.put("created", created);
        if (!chunk.has("model")) chunk.put("model", model);
    }

    private void captureUsage(JsonNode usage) {
        Usage u = Usage.fromOpenAi(usage);
        if (u != null) reported = u; // running totals: the last one is the total
    }

    private void collectText(JsonNode delta) {
        if (delta == null || !delta.isObject()) return;
        appendText(delta.get("content"));
        appendText(delta.get("reasoning_content"));
        JsonNode calls = delta.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                JsonNode fn = call.path("function");
                appendText(fn.get("name"));
                appendText(fn.get("arguments"));
            }
        }
    }

    private void appendText(JsonNode n) {
        if (n != null && n.isTextual()) completionText.append(n.asText());
    }
}
