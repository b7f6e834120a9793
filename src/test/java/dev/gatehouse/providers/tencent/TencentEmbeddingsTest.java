package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.TranslatedResponse;
import dev.gatehouse.providers.UpstreamRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gatehouse.providers.tencent.TencentTestKit.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TencentEmbeddingsTest {
    private final TencentAdapter adapter = adapter("http://127.0.0.1:18080");

    @Test
    void should_send_a_list_of_inputs_as_input_list_to_get_embedding() {
        UpstreamRequest up = adapter.toUpstream(Operation.EMBEDDINGS, object("embedding-request-list.openai.json"), "hunyuan-embedding", false);

        assertThat(parse(up.body())).isEqualTo(json("embedding-request-list.hunyuan.json"));
        assertThat(up.headers().get("X-TC-Action")).isEqualTo("GetEmbedding");
        assertThat(up.headers().get("Authorization")).contains("/hunyuan/tc3_request, SignedHeaders=content-type;host;x-tc-action, ");
    }

    @Test
    void should_send_a_single_string_as_input() {
        ObjectNode request = (ObjectNode) parse("{\"model\":\"e\",\"input\":\"just one\"}");

        assertThat(parse(adapter.toUpstream(Operation.EMBEDDINGS, request, "hunyuan-embedding", false).body()))
                .isEqualTo(parse("{\"Input\":\"just one\"}"));
    }

    @Test
    void should_translate_float_embeddings_in_index_order() throws Exception {
        TranslatedResponse r = adapter.fromUpstream(Operation.EMBEDDINGS, buffer("embedding-response.hunyuan.json"), "hunyuan-embedding",
                parse("{\"input\":[\"a\",\"b\"]}"));

        assertThat(parse(r.body())).isEqualTo(json("embedding-response.openai.json"));
        assertValidEmbeddings(parse(r.body()));
        assertThat(r.usage()).isEqualTo(new Usage(6, 0, 0, true));
    }

    @Test
    void should_encode_embeddings_as_little_endian_float32_base64_when_asked() {
        // expected values computed independently: base64.b64encode(struct.pack('<3f', 0.125, 1.5, -2.0)) in Python
        TranslatedResponse r = adapter.fromUpstream(Operation.EMBEDDINGS, buffer("embedding-response.hunyuan.json"), "hunyuan-embedding",
                parse("{\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}"));

        assertThat(parse(r.body())).isEqualTo(json("embedding-response-base64.openai.json"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "token arrays       | {\"input\":[[1,2,3]]}                        | input",
            "empty list         | {\"input\":[]}                               | input",
            "other dimensions   | {\"input\":\"a\",\"dimensions\":256}         | dimensions",
            "unknown format     | {\"input\":\"a\",\"encoding_format\":\"int8\"} | encoding_format",
    })
    void should_reject_embedding_requests_hunyuan_cannot_serve(String why, String json, String param) {
        assertThatThrownBy(() -> adapter.toUpstream(Operation.EMBEDDINGS, (ObjectNode) parse(json), "hunyuan-embedding", false))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.param()).isEqualTo(param);
                });
    }

    @Test
    void should_reject_more_inputs_than_hunyuan_accepts() {
        ObjectNode request = (ObjectNode) parse("{\"input\":[]}");
        for (int i = 0; i <= EmbeddingMapper.MAX_INPUTS; i++) request.withArray("input").add("t" + i);

        assertThatThrownBy(() -> adapter.toUpstream(Operation.EMBEDDINGS, request, "hunyuan-embedding", false))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).isEqualTo("input"));
    }
}
