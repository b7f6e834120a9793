package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.metering.TokenCounter;
import dev.gatehouse.testkit.OpenAiSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;

import static dev.gatehouse.simulator.SimHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbeddingsAndModelsTest {
    private static final SimHarness H = new SimHarness();
    private static final Map<String, String> AUTH = Map.of("authorization", "Bearer sk-test");

    @AfterAll
    static void stop() {
        H.close();
    }

    private static JsonNode embed(String body) {
        SimHarness.Response r = H.post("/v1/embeddings", AUTH, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void should_return_deterministic_unit_vectors_of_eight_dimensions_with_counted_usage() {
        JsonNode json = embed("{\"model\":\"text-embedding-3-small\",\"input\":[\"hello world\",\"another text\"]}");
        OpenAiSpec.assertValid("CreateEmbeddingResponse", json);
        assertThat(json.get("data")).hasSize(2);
        JsonNode v = json.at("/data/0/embedding");
        assertThat(v).hasSize(8);
        double norm = 0;
        for (JsonNode x : v) norm += x.asDouble() * x.asDouble();
        assertThat(norm).isCloseTo(1.0, within(1e-5));
        assertThat(json.at("/data/1/embedding")).isNotEqualTo(v);
        assertThat(embed("{\"model\":\"m\",\"input\":\"hello world\"}").at("/data/0/embedding")).isEqualTo(v);
        int tokens = TokenCounter.standard().countInput(json("[\"hello world\",\"another text\"]"));
        assertThat(json.at("/usage/prompt_tokens").asInt()).isEqualTo(tokens);
        assertThat(json.at("/usage/total_tokens").asInt()).isEqualTo(tokens);
    }

    @Test
    void should_honour_dimensions() {
        assertThat(embed("{\"model\":\"m\",\"input\":\"x\",\"dimensions\":256}").at("/data/0/embedding")).hasSize(256);
    }

    @Test
    void should_encode_base64_as_little_endian_float32_of_the_same_vector() {
        JsonNode floats = embed("{\"model\":\"m\",\"input\":\"hello world\"}").at("/data/0/embedding");
        String b64 = embed("{\"model\":\"m\",\"input\":\"hello world\",\"encoding_format\":\"base64\"}").at("/data/0/embedding").asText();
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(b64)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buf.remaining()).isEqualTo(8 * 4);
        for (int i = 0; i < 8; i++) assertThat(buf.getFloat()).isEqualTo(floats.get(i).floatValue());
    }

    @Test
    void should_reject_embeddings_without_input() {
        SimHarness.Response r = H.post("/v1/embeddings", AUTH, "{\"model\":\"m\"}");
        assertThat(r.status()).isEqualTo(400);
        OpenAiSpec.assertValid("ErrorResponse", r.json());
    }

    @Test
    void should_list_models() {
        SimHarness.Response r = H.get("/v1/models", AUTH);
        assertThat(r.status()).isEqualTo(200);
        OpenAiSpec.assertValid("ListModelsResponse", r.json());
        assertThat(r.json().findValuesAsText("id")).contains("gpt-4o-mini", "text-embedding-3-small");
        assertThat(H.get("/v1/models", Map.of()).status()).isEqualTo(401);
    }
}
