package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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

import java.io.IOException;
import java.time.Clock;

/**
 * Tencent Hunyuan's native API (version 2023-09-01): {@code ChatCompletions} and
 * {@code GetEmbedding}, each a JSON POST to {@code /} signed with TC3-HMAC-SHA256. Tencent reports
 * failures inside HTTP 200 bodies, so {@link #fromUpstream} checks for them before translating.
 * Stateless apart from immutable configuration; safe to share across event loops.
 */
public final class TencentAdapter implements ProviderAdapter {
    public static final String VERSION = "2023-09-01";
    public static final String SERVICE = "hunyuan";
    static final String CHAT_ACTION = "ChatCompletions";
    static final String EMBEDDING_ACTION = "GetEmbedding";

    private final Endpoint endpoint;
    private final String region;
    private final Tc3Signer signer;
    private final Clock clock;

    TencentAdapter(Endpoint endpoint, String region, Tc3Signer signer, Clock clock) {
        this.endpoint = endpoint;
        this.region = region;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public boolean supports(Operation op) { return true; }

    @Override
    public UpstreamRequest toUpstream(Operation op, ObjectNode request, String upstreamModel, boolean stream) {
        return switch (op) {
            case CHAT -> signed(CHAT_ACTION, bytes(ChatRequestMapper.map(request, upstreamModel, stream)));
            case EMBEDDINGS -> signed(EMBEDDING_ACTION, bytes(EmbeddingMapper.map(request)));
        };
    }

    @Override
    public TranslatedResponse fromUpstream(Operation op, Buffer body, String upstreamModel, JsonNode clientRequest) {
        JsonNode response = unwrap(body);
        return switch (op) {
            case CHAT -> {
                var m = ChatResponseMapper.map(read(response, HunyuanWire.ChatResponse.class), upstreamModel, now());
                yield new TranslatedResponse(Buffer.buffer(bytes(m.body())), m.usage());
            }
            case EMBEDDINGS -> {
                var m = EmbeddingMapper.map(read(response, HunyuanWire.EmbeddingResponse.class), upstreamModel,
                        EmbeddingMapper.base64Requested(clientRequest));
                yield new TranslatedResponse(Buffer.buffer(bytes(m.body())), m.usage());
            }
        };
    }

    @Override
    public StreamTranslator newStreamTranslator(String upstreamModel) {
        return new HunyuanStreamTranslator(upstreamModel, now());
    }

    @Override
    public GatewayException mapError(int status, MultiMap headers, Buffer body) {
        return UpstreamErrors.map(status, headers, body, HunyuanErrors::messageOf);
    }

    private UpstreamRequest signed(String action, byte[] body) {
        Tc3Signer.Signature s = signer.sign(endpoint.host(), action, body);
        // Host is set explicitly so that the header sent is the one signed, whatever the HTTP client would derive.
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Host", endpoint.host())
                .add("Content-Type", Tc3Signer.CONTENT_TYPE)
                .add("X-TC-Action", action)
                .add("X-TC-Version", VERSION)
                .add("X-TC-Timestamp", Long.toString(s.timestamp()))
                .add("X-TC-Region", region)
                .add("Authorization", s.authorization());
        return new UpstreamRequest(HttpMethod.POST, endpoint.uri(), headers, Buffer.buffer(body));
    }

    /** The object inside {@code Response}, after checking it for Tencent's error-in-200. */
    private static JsonNode unwrap(Buffer body) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider sent a body that is not JSON");
        }
        JsonNode response = tree == null ? null : tree.get("Response");
        if (response == null || !response.isObject()) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider's body has no Response object");
        }
        HunyuanErrors.throwIfError(response);
        return response;
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider's response has an unexpected shape");
        }
    }

    private static byte[] bytes(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("wire types always serialise", e);
        }
    }

    private long now() { return clock.instant().getEpochSecond(); }
}
