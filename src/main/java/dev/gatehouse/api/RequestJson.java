package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;

/**
 * Reads a client's request body: the whole document as a tree (what the gateway's checks and
 * stages look at) and where its top-level {@code model} value sits (what a {@link BodySplice}
 * needs to forward the client's own bytes).
 * <p>Duplicate keys are refused at every level. With them, which value counts depends on the
 * parser: the gateway would decide on one value (its parser keeps the last) while a provider that
 * keeps the first read another. Forwarding the client's bytes makes that matter, and no client has
 * a reason to send them.
 */
public final class RequestJson {
    private static final ObjectReader READER = Json.DOCUMENT.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /**
     * @param tree   the document (null for an empty body); not necessarily an object
     * @param splice the body's splice points, or null when it is not an object with a string model
     */
    public record Parsed(JsonNode tree, BodySplice splice) {}

    private RequestJson() {}

    /** Parses {@code body}; Jackson's exceptions say what is wrong with it and where. */
    public static Parsed read(Buffer body) throws IOException {
        ByteView view = ByteView.of(body);
        JsonNode tree = READER.readTree(view.array(), view.offset(), view.length());
        boolean hasModel = tree != null && tree.isObject() && tree.path("model").isTextual();
        return new Parsed(tree, hasModel ? locate(body, view) : null);
    }

    /**
     * The splice points of a body already parsed as an object with a string model: a second pass of
     * Jackson's streaming parser that skips every value until the top-level {@code model}. (Noting
     * the offsets during the tree's own parse, through a delegating parser, cost more: it turns off
     * Jackson's fast path for field names on every token of the document.)
     */
    private static BodySplice locate(Buffer body, ByteView view) throws IOException {
        try (JsonParser p = Json.MAPPER.createParser(view.array(), view.offset(), view.length())) {
            p.nextToken();
            long objectStart = p.currentTokenLocation().getByteOffset();
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken value = p.nextToken();
                if ("model".equals(name) && value == JsonToken.VALUE_STRING) {
                    return new BodySplice(body, (int) objectStart, (int) p.currentTokenLocation().getByteOffset());
                }
                p.skipChildren();
            }
        }
        throw new IllegalStateException("a parsed body with a string model has a top-level model");
    }
}
