package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import dev.gatehouse.testkit.OpenAiSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code POST /v1/embeddings} on the routes that serve it (OpenAI and Tencent's native API), and a clear 400 elsewhere. */
class EmbeddingsTest {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withExampleConfig();

    @ParameterizedTest
    @ValueSource(strings = {"text-embedding-3-small", "hunyuan-embedding"})
    void should_embed_a_list_of_inputs_as_floats_through_the_sdk(String model) {
        CreateEmbeddingResponse response = gw.openAi().embeddings().create(EmbeddingCreateParams.builder().model(model)
                .inputOfArrayOfStrings(List.of("first text", "second text"))
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        assertThat(response.data()).hasSize(2);
        assertThat(response.data()).extracting(e -> e.index()).containsExactly(0L, 1L);
        assertThat(response.data().get(0).embedding()).isNotEmpty();
        assertThat(response.data().get(0).embedding()).isNotEqualTo(response.data().get(1).embedding());
        assertThat(response.usage().promptTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text-embedding-3-small", "hunyuan-embedding"})
    void should_return_base64_vectors_that_decode_to_the_float_vectors(String model) {
        HttpResult floats = gw.post("/embeddings", "{\"model\":\"" + model + "\",\"input\":\"a lighthouse\",\"encoding_format\":\"float\"}");
        HttpResult base64 = gw.post("/embeddings", "{\"model\":\"" + model + "\",\"input\":\"a lighthouse\",\"encoding_format\":\"base64\"}");

        assertThat(floats.status()).as(floats.body()).isEqualTo(200);
        assertThat(base64.status()).as(base64.body()).isEqualTo(200);
        OpenAiSpec.assertValid("CreateEmbeddingResponse", floats.json());
        JsonNode vector = floats.json().path("data").path(0).path("embedding");
        ObjectNode encodedResponse = (ObjectNode) base64.json();
        JsonNode encoded = encodedResponse.path("data").path(0).path("embedding");
        assertThat(encoded.isTextual()).as(base64.body()).isTrue();
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded.asText())).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(vector.size() * 4);
        ArrayNode decoded = encodedResponse.arrayNode();
        for (JsonNode v : vector) {
            float f = bytes.getFloat();
            assertThat(f).isEqualTo(v.floatValue());
            decoded.add(f);
        }
        // OpenAI's spec types every embedding as a float array, although base64 answers carry a string:
        // check the rest of the shape with the decoded vector in its place
        ((ObjectNode) encodedResponse.path("data").path(0)).set("embedding", decoded);
        OpenAiSpec.assertValid("CreateEmbeddingResponse", encodedResponse);
    }

    @Test
    void should_refuse_embeddings_on_a_chat_only_route_with_a_clear_400() {
        assertThatThrownBy(() -> gw.openAi().embeddings().create(EmbeddingCreateParams.builder().model("claude-sonnet").input("text").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).hasValue("unsupported_operation");
                    assertThat(e.getMessage()).contains("claude-sonnet");
                });
        HttpResult r = gw.post("/embeddings", "{\"model\":\"claude-sonnet\",\"input\":\"text\"}");
        assertThat(r.status()).isEqualTo(400);
        OpenAiSpec.assertValid("ErrorResponse", r.json());
        assertThat(gw.simulator().requests()).isEmpty();
    }
}
