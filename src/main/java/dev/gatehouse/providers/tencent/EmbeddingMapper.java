package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.tencent.HunyuanWire.EmbeddingData;
import dev.gatehouse.providers.tencent.HunyuanWire.EmbeddingRequest;
import dev.gatehouse.providers.tencent.HunyuanWire.EmbeddingResponse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * OpenAI embeddings to Hunyuan {@code GetEmbedding} and back. Hunyuan takes one string as
 * {@code Input} or up to 50 as {@code InputList}, has one model (so no {@code Model} parameter),
 * returns 1024 floats per input and never base64, so {@code encoding_format: base64} is applied
 * here: little-endian float32, as OpenAI encodes it.
 */
final class EmbeddingMapper {
    static final int MAX_INPUTS = 50;
    static final int DIMENSIONS = 1024;

    private EmbeddingMapper() {}

    record Mapped(ObjectNode body, Usage usage) {
    }

    static EmbeddingRequest map(ObjectNode request) {
        if (request.hasNonNull("dimensions") && request.get("dimensions").asInt() != DIMENSIONS) {
            throw GatewayException.invalid("this provider's embeddings have exactly " + DIMENSIONS + " dimensions", "dimensions");
        }
        base64Requested(request); // validates encoding_format before anything is sent
        JsonNode input = request.path("input");
        if (input.isTextual()) return new EmbeddingRequest(input.asText(), null);
        if (!input.isArray() || input.isEmpty()) {
            throw GatewayException.invalid("input must be a string or a non-empty array of strings", "input");
        }
        if (input.size() > MAX_INPUTS) {
            throw GatewayException.invalid("this provider embeds at most " + MAX_INPUTS + " inputs per request", "input");
        }
        List<String> list = new ArrayList<>(input.size());
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                throw GatewayException.invalid("this provider accepts text input only, not token arrays", "input");
            }
            list.add(item.asText());
        }
        return new EmbeddingRequest(null, list);
    }

    /** Whether the client asked for base64; null or "float" mean floats. */
    static boolean base64Requested(JsonNode request) {
        JsonNode format = request == null ? null : request.get("encoding_format");
        if (format == null || format.isNull() || format.asText().equals("float")) return false;
        if (format.asText().equals("base64")) return true;
        throw GatewayException.invalid("encoding_format must be 'float' or 'base64'", "encoding_format");
    }

    static Mapped map(EmbeddingResponse r, String model, boolean base64) {
        if (r.data() == null) throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider returned no embeddings");
        List<EmbeddingData> sorted = new ArrayList<>(r.data());
        sorted.sort(Comparator.comparingLong(d -> d.index() == null ? 0 : d.index()));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < sorted.size(); i++) {
            EmbeddingData d = sorted.get(i);
            if (d.embedding() == null || !d.embedding().isArray()) {
                throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider returned an embedding that is not an array");
            }
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", d.index() != null ? d.index() : i);
            if (base64) item.put("embedding", toBase64(d.embedding()));
            else item.set("embedding", d.embedding());
        }
        out.put("model", model);
        long prompt = r.usage() == null || r.usage().promptTokens() == null ? 0 : r.usage().promptTokens();
        long total = r.usage() == null || r.usage().totalTokens() == null ? prompt : r.usage().totalTokens();
        out.putObject("usage").put("prompt_tokens", prompt).put("total_tokens", total);
        return new Mapped(out, r.usage() == null ? null : new Usage(prompt, 0, 0, true));
    }

    private static String toBase64(JsonNode floats) {
        ByteBuffer buf = ByteBuffer.allocate(floats.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode f : floats) {
            if (!f.isNumber()) throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider returned a non-numeric embedding value");
            buf.putFloat(f.floatValue());
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }
}
