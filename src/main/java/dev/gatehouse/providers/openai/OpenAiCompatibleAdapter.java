package dev.gatehouse.providers.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.BodySplice;
import dev.gatehouse.api.ByteView;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.ProviderAdapter;
import dev.gatehouse.providers.StreamTranslator;
import dev.gatehouse.providers.TranslatedResponse;
import dev.gatehouse.providers.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.util.Map;

/**
 * The dialect of OpenAI and of every provider that copied its API (Azure OpenAI, DeepSeek, Qwen,
 * vLLM, ...). Requests pass through as the client's bytes with only the model set where no stage
 * changed them (re-serialised, unknown fields untouched, where one did); responses
 * pass through byte for byte, read once by a streaming parser for their usage. What differs
 * between such providers is data, in {@link Options}: where to send, how to authenticate, and a
 * few known quirks.
 */
public final class OpenAiCompatibleAdapter implements ProviderAdapter {

    /** Builds the upstream URL of an operation for a model (Azure puts the deployment in the path). */
    @FunctionalInterface
    public interface UrlStyle {
        String url(Operation op, String upstreamModel);
    }

    /**
     * @param url            where each operation goes
     * @param authHeader     the header carrying the key ({@code authorization} gets {@code Bearer })
     *                       or null when the upstream needs none
     * @param apiKey         the key, or null
     * @param extraHeaders   sent with every request
     * @param streamUsage    whether the upstream honours {@code stream_options.include_usage}; when
     *                       false the option is removed and usage comes from the stream or is counted
     * @param maxTokensField when set to {@code max_tokens}, {@code max_completion_tokens} is renamed
     *                       for upstreams that know only the older field
     * @param embeddings     whether the upstream serves embeddings
     */
    public record Options(UrlStyle url, String authHeader, String apiKey, Map<String, String> extraHeaders,
                          boolean streamUsage, String maxTokensField, boolean embeddings) {}

    private final Options options;
    private final MultiMap headers;

    public OpenAiCompatibleAdapter(Options options) {
        this.options = options;
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        set(h, "content-type", "application/json");
        set(h, "accept", "application/json, text/event-stream");
        if (options.authHeader() != null && options.apiKey() != null) {
            set(h, options.authHeader(), "authorization".equalsIgnoreCase(options.authHeader())
                    ? "Bearer " + options.apiKey() : options.apiKey());
        }
        options.extraHeaders().forEach((name, value) -> set(h, name, value));
        this.headers = h.copy(false); // read-only, so every request can share it (Vert.x copies it into each request)
    }

    /**
     * As ASCII strings: Vert.x copies these into every upstream request, rehashing a String name
     * each time and encoding a String value one character at a time; an ASCII string keeps its hash
     * and is copied as bytes.
     */
    private static void set(MultiMap headers, String name, String value) {
        headers.set(HttpHeaders.createOptimized(name), HttpHeaders.createOptimized(value));
    }

    @Override
    public boolean supports(Operation op) {
        return op != Operation.EMBEDDINGS || options.embeddings();
    }

    @Override
    public UpstreamRequest toUpstream(Operation op, ObjectNode request, String upstreamModel, boolean stream) {
        return toUpstream(op, request, null, upstreamModel, stream);
    }

    /**
     * Sends the client's own bytes with only the model replaced when that is all this upstream needs
     * (and {@code stream_options.include_usage} added when the body has no {@code stream_options});
     * otherwise sets the fields on the tree and serialises it.
     */
    @Override
    public UpstreamRequest toUpstream(Operation op, ObjectNode request, BodySplice asReceived, String upstreamModel, boolean stream) {
        Buffer body = asReceived == null ? null : spliced(op, request, asReceived, upstreamModel, stream);
        if (body == null) body = serialised(op, request, upstreamModel, stream);
        return new UpstreamRequest(HttpMethod.POST, options.url().url(op, upstreamModel), headers, body);
    }

    /** The spliced body, or null when this upstream needs more changed than the model and the usage option. */
    private Buffer spliced(Operation op, ObjectNode request, BodySplice asReceived, String upstreamModel, boolean stream) {
        boolean addStreamUsage = false;
        if (op == Operation.CHAT) {
            JsonNode streamOptions = request.get("stream_options");
            if (stream && options.streamUsage()) {
                if (streamOptions == null) addStreamUsage = true;
                else if (!streamOptions.path("include_usage").asBoolean(false)) return null;
            } else if (!options.streamUsage() && streamOptions != null) {
                return null;
            }
            if (renamesMaxTokens(request)) return null;
        }
        return asReceived.forward(upstreamModel, addStreamUsage);
    }

    private boolean renamesMaxTokens(ObjectNode request) {
        return "max_tokens".equals(options.maxTokensField()) && request.has("max_completion_tokens") && !request.has("max_tokens");
    }

    private Buffer serialised(Operation op, ObjectNode request, String upstreamModel, boolean stream) {
        request.put("model", upstreamModel);
        if (op == Operation.CHAT) {
            if (stream && options.streamUsage()) {
                JsonNode so = request.get("stream_options");
                ObjectNode streamOptions = so instanceof ObjectNode o ? o : request.putObject("stream_options");
                streamOptions.put("include_usage", true);
            } else if (!options.streamUsage()) {
                request.remove("stream_options");
            }
            if (renamesMaxTokens(request)) request.set("max_tokens", request.remove("max_completion_tokens"));
        }
        try {
            return Buffer.buffer(Json.MAPPER.writeValueAsBytes(request));
        } catch (IOException e) {
            throw new IllegalStateException("a parsed request always serialises", e);
        }
    }

    @Override
    public TranslatedResponse fromUpstream(Operation op, Buffer body, String upstreamModel, JsonNode clientRequest) {
        Usage usage = null;
        ByteView bytes = ByteView.of(body);
        try (JsonParser p = Json.MAPPER.createParser(bytes.array(), bytes.offset(), bytes.length())) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw unreadable();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
                    usage = Usage.readOpenAi(p);
                } else if ("error".equals(field) && value == JsonToken.START_OBJECT) {
                    JsonNode error = p.readValueAsTree();
                    throw new GatewayException(ErrorCode.UPSTREAM_ERROR, "the provider reported an error: "
                            + dev.gatehouse.providers.UpstreamErrors.scrub(error.path("message").asText("unknown")));
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) throw unreadable();
        } catch (IOException e) {
            throw unreadable();
        }
        return new TranslatedResponse(body, usage);
    }

    @Override
    public StreamTranslator newStreamTranslator(String upstreamModel) {
        return OpenAiStreamTranslator.INSTANCE;
    }

    private static GatewayException unreadable() {
        return new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider's response is not a JSON object");
    }
}
