package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import dev.gatehouse.providers.ProviderAdapter;
import dev.gatehouse.providers.StreamTranslator;
import dev.gatehouse.providers.TranslatedResponse;
import dev.gatehouse.providers.UpstreamErrors;
import dev.gatehouse.providers.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.time.Clock;

/**
 * Speaks Anthropic's Messages API ({@code POST /v1/messages}) on behalf of OpenAI Chat Completions
 * clients. Stateless apart from its endpoint, so one instance serves every event loop.
 */
public final class AnthropicAdapter implements ProviderAdapter {
    private final AnthropicEndpoint endpoint;
    private final Clock clock;

    /** The clock stamps {@code created}; tests pass a fixed one to compare exact JSON. */
    AnthropicAdapter(AnthropicEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public boolean supports(Operation op) {
        return op == Operation.CHAT; // Anthropic has no embeddings API
    }

    @Override
    public UpstreamRequest toUpstream(Operation op, ObjectNode request, String upstreamModel, boolean stream) {
        requireChat(op);
        ObjectNode body = RequestTranslator.toMessagesRequest(request, upstreamModel, stream);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        endpoint.headers().forEach(headers::set);
        headers.set(AnthropicFactory.API_KEY_HEADER, endpoint.apiKey().value());
        headers.set("content-type", "application/json");
        headers.set("accept", stream ? "text/event-stream" : "application/json");
        try {
            return new UpstreamRequest(HttpMethod.POST, endpoint.messagesUri(), headers,
                    Buffer.buffer(Json.MAPPER.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new GatewayException(ErrorCode.INTERNAL, "cannot write the Anthropic request", null, null, null, e);
        }
    }

    @Override
    public TranslatedResponse fromUpstream(Operation op, Buffer body, String upstreamModel, JsonNode clientRequest) {
        requireChat(op);
        return ResponseTranslator.translate(body, upstreamModel, clock.instant().getEpochSecond());
    }

    @Override
    public StreamTranslator newStreamTranslator(String upstreamModel) {
        return new AnthropicStreamTranslator(upstreamModel, clock.instant().getEpochSecond());
    }

    /** Anthropic's 529 "overloaded" is not a standard status, but it falls in the 5xx branch of the mapping. */
    @Override
    public GatewayException mapError(int status, MultiMap headers, Buffer body) {
        return UpstreamErrors.map(status, headers, body, AnthropicErrors::message);
    }

    private static void requireChat(Operation op) {
        if (op != Operation.CHAT) {
            throw new GatewayException(ErrorCode.UNSUPPORTED_OPERATION,
                    "Anthropic models do not support " + op.openAiPath() + "; route this model to a provider that does");
        }
    }
}
