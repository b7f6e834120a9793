package dev.gatehouse.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.BodySplice;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * The SPI of one upstream dialect: how an OpenAI request becomes this provider's request, and
 * how its responses, streams and errors come back as OpenAI's. One instance serves one configured
 * provider account, is built once at start-up, and is shared by all event loops (so it must be
 * stateless or thread-safe). Nothing here does I/O: the gateway owns the HTTP exchange.
 */
public interface ProviderAdapter {

    /** Whether this provider can serve the operation at all (Anthropic has no embeddings, say). */
    boolean supports(Operation op);

    /**
     * Builds the upstream HTTP request. {@code request} is the client's validated OpenAI body; the
     * adapter may change it in place (the gateway sets every field it relies on again before the
     * next attempt) and must not keep it.
     *
     * @param stream whether the client asked for a stream; the adapter asks the upstream for usage
     *               in the stream where it can
     */
    UpstreamRequest toUpstream(Operation op, ObjectNode request, String upstreamModel, boolean stream);

    /**
     * Like {@link #toUpstream(Operation, ObjectNode, String, boolean)}, given also the client's own
     * bytes while they still stand for {@code request} ({@code asReceived}, null once anything
     * changed the tree). A dialect that sends the client's JSON on may splice those bytes instead
     * of serialising the tree; the default ignores them.
     */
    default UpstreamRequest toUpstream(Operation op, ObjectNode request, BodySplice asReceived, String upstreamModel, boolean stream) {
        return toUpstream(op, request, upstreamModel, stream);
    }

    /**
     * Turns a complete 2xx upstream body into the OpenAI response body and its usage.
     * {@code clientRequest} is the client's OpenAI body, for dialects whose answer depends on what
     * was asked (Tencent returns only float embeddings, so it applies {@code encoding_format:
     * base64} here); it may be null in tests of dialects that do not need it.
     */
    TranslatedResponse fromUpstream(Operation op, Buffer body, String upstreamModel, JsonNode clientRequest);

    /** A fresh translator for the events of one streamed response. */
    StreamTranslator newStreamTranslator(String upstreamModel);

    /**
     * Maps a non-2xx upstream response to the gateway's error. The default reads OpenAI's error
     * shape; adapters of other dialects pass their own message extractor to {@link UpstreamErrors}.
     */
    default GatewayException mapError(int status, MultiMap headers, Buffer body) {
        return UpstreamErrors.map(status, headers, body, UpstreamErrors::openAiStyleMessage);
    }
}
