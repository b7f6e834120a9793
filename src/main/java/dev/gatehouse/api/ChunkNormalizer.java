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
    /** A chunk's created time that is absent or not a whole number. */
    static final long NO_CREATED = Long.MIN_VALUE;
    private final boolean clientWantsUsage;
    private final JsonNode requestMessages;
    private String id;
    private long created;
    private String model;
    private Usage reported;
    private final StringBuilder completionText = new StringBuilder();
    private boolean sawFinish;
    private final ChunkTextScan scan = new ChunkTextScan(completionText);

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

    /**
     * {@link #accept} without a tree, for a chunk that arrived as OpenAI JSON text. When the chunk
     * needs none of accept's changes (it carries the stream's id, names its object, created time and
     * model, has choices, and no usage but OpenAI's {@code "usage": null}), this records what accept
     * would (the identity, the text for an estimate, a finish) and returns the text to send: the
     * chunk as it came, or without its {@code "usage": null} member when the client did not ask for
     * usage. For any other chunk, and for text that is not one JSON object, it records nothing and
     * returns null: the caller then parses the chunk and calls accept, which changes it or fails.
     */
    public String acceptText(String json) {
        ChunkTextScan.Result chunk = scan.read(json);
        if (chunk == null) return null;
        if (id == null ? chunk.id().isEmpty() : !id.equals(chunk.id())) {
            scan.discardText();
            return null;
        }
        learnIdentity(chunk.id(), chunk.created(), chunk.model());
        if (chunk.finished()) sawFinish = true;
        return clientWantsUsage ? json : chunk.withoutUsageNull(json);
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
        JsonNode i = chunk.get("id");
        JsonNode c = chunk.get("created");
        JsonNode m = chunk.get("model");
        learnIdentity(i != null && i.isTextual() ? i.asText() : null,
                c != null && c.canConvertToLong() ? c.asLong() : NO_CREATED,
                m != null && m.isTextual() ? m.asText() : null);
        if (i == null || !id.equals(i.asText())) chunk.put("id", id);
        if (!"chat.completion.chunk".equals(chunk.path("object").asText())) chunk.put("object", "chat.completion.chunk");
        if (!chunk.has("created")) chunk.put("created", created);
        if (!chunk.has("model")) chunk.put("model", model);
    }

    /**
     * Learns the stream's id, created and model from its first chunk (inventing what it lacks),
     * and a model or created time the first chunk left empty from a later one: Azure's first chunk
     * (prompt_filter_results only) has model "" and created 0.
     *
     * @param chunkId      the chunk's id when it is text, else null
     * @param chunkCreated the chunk's created time when it is a whole number, else {@link #NO_CREATED}
     * @param chunkModel   the chunk's model when it is text, else null
     */
    private void learnIdentity(String chunkId, long chunkCreated, String chunkModel) {
        if (id == null) {
            id = chunkId != null && !chunkId.isEmpty() ? chunkId : "chatcmpl-" + Long.toHexString(System.nanoTime());
            created = chunkCreated != NO_CREATED ? chunkCreated : System.currentTimeMillis() / 1000;
            model = chunkModel != null ? chunkModel : "";
        }
        if (model.isEmpty() && chunkModel != null) model = chunkModel;
        if (created == 0 && chunkCreated != NO_CREATED) created = chunkCreated;
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
