package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;

/**
 * Reads a client's request body: the whole document as a tree (what the gateway's checks and
 * stages look at) and where its top-level {@code model} value sits (what a {@link BodySplice}
 * needs to forward the client's own bytes), both in one pass of Jackson's streaming parser
 * ({@link TreeReader}).
 * <p>Duplicate keys are refused at every level. With them, which value counts depends on the
 * parser: the gateway would decide on one value (its parser keeps the last) while a provider that
 * keeps the first read another. Forwarding the client's bytes makes that matter, and no client has
 * a reason to send them.
 */
public final class RequestJson {
    /**
     * @param tree   the document (null for an empty body); not necessarily an object
     * @param splice the body's splice points, or null when it is not an object with a string model
     */
    public record Parsed(JsonNode tree, BodySplice splice) {}

    private RequestJson() {}

    /** Parses {@code body}; Jackson's exceptions say what is wrong with it and where. */
    public static Parsed read(Buffer body) throws IOException {
        ByteView view = ByteView.of(body);
        TreeReader reader = new TreeReader();
        JsonNode tree;
        try (JsonParser p = Json.MAPPER.createParser(view.array(), view.offset(), view.length())) {
            tree = reader.read(p);
        }
        BodySplice splice = reader.modelStart() < 0 ? null
                : new BodySplice(body, (int) reader.objectStart(), (int) reader.modelStart());
        return new Parsed(tree, splice);
    }
}
