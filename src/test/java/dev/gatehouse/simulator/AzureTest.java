package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testkit.OpenAiSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.simulator.SimHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

class AzureTest {
    private static final SimHarness H = new SimHarness();
    private static final Map<String, String> KEY = Map.of("api-key", "azure-test-key");
    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello Azure\"}]}";

    @AfterAll
    static void stop() {
        H.close();
    }

    @Test
    void should_answer_a_deployment_whose_name_has_dots_with_filter_results() {
        SimHarness.Response r = H.post("/openai/deployments/gpt-4o.2024-08-06/chat/completions?api-version=2024-10-21", KEY, CHAT);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode json = r.json();
        OpenAiSpec.assertValid("CreateChatCompletionResponse", json);
        assertThat(json.get("model").asText()).isEqualTo("gpt-4o.2024-08-06");
        assertThat(json.at("/prompt_filter_results/0/content_filter_results/hate/filtered").asBoolean()).isFalse();
        assertThat(json.at("/choices/0/content_filter_results/violence/severity").asText()).isEqualTo("safe");
        assertThat(H.sim.stats().byModel()).containsEntry("gpt-4o.2024-08-06", 1L);
    }

    @Test
    void should_require_api_version_on_deployment_routes() {
        SimHarness.Response r = H.post("/openai/deployments/gpt-4o/chat/completions", KEY, CHAT);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).contains("api-version");
    }

    @Test
    void should_require_the_api_key_and_refuse_the_invalid_one() {
        String uri = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";
        assertThat(H.post(uri, Map.of(), CHAT).status()).isEqualTo(401);
        SimHarness.Response invalid = H.post(uri, Map.of("api-key", "sim-invalid-key"), CHAT);
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.json().at("/error/code").asText()).isEqualTo("401");
    }

    @Test
    void should_answer_like_the_content_filter_for_content_filter_deployments() {
        JsonNode json = H.post("/openai/deployments/sim-content-filter/chat/completions?api-version=2024-10-21", KEY, CHAT).json();
        OpenAiSpec.assertValid("CreateChatCompletionResponse", json);
        assertThat(json.at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(json.at("/choices/0/content_filter_results/violence/filtered").asBoolean()).isTrue();
        assertThat(json.at("/choices/0/message/content").asText()).isEqualTo("Simulated reply"); // the first 3 tokens
    }

    @Test
    void should_stream_with_azures_leading_filter_chunk_and_a_filtered_finish() {
        SimHarness.Streamed s = H.stream("/openai/deployments/sim-content-filter/chat/completions?api-version=2024-10-21", KEY,
                json("{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"));
        List<JsonNode> chunks = s.jsonEvents();
        assertThat(chunks.get(0).get("choices")).isEmpty();
        assertThat(chunks.get(0).has("prompt_filter_results")).isTrue();
        chunks.subList(1, chunks.size()).forEach(c -> OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", c));
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(last.at("/choices/0/content_filter_results/violence/filtered").asBoolean()).isTrue();
        assertThat(s.events()).last().extracting(SimHarness.Event::data).isEqualTo("[DONE]");
    }

    @Test
    void should_refuse_a_filtered_prompt_with_azures_content_filter_error() {
        SimHarness.Response r = H.post("/openai/deployments/sim-prompt-filter/chat/completions?api-version=2024-10-21", KEY, CHAT);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("content_filter");
        assertThat(r.json().at("/error/innererror/code").asText()).isEqualTo("ResponsibleAIPolicyViolation");
    }

    @Test
    void should_serve_the_v1_routes_with_the_model_in_the_body() {
        SimHarness.Response r = H.post("/openai/v1/chat/completions", KEY,
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        OpenAiSpec.assertValid("CreateChatCompletionResponse", r.json());
        assertThat(r.json().get("model").asText()).isEqualTo("gpt-4o-mini");
        SimHarness.Response e = H.post("/openai/v1/embeddings", KEY, "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}");
        OpenAiSpec.assertValid("CreateEmbeddingResponse", e.json());
    }

    @Test
    void should_embed_on_deployment_routes() {
        SimHarness.Response r = H.post("/openai/deployments/emb.small/embeddings?api-version=2024-10-21", KEY, "{\"input\":[\"a\",\"b\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        OpenAiSpec.assertValid("CreateEmbeddingResponse", r.json());
        assertThat(r.json().get("data")).hasSize(2);
    }
}
