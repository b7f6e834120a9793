package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.simulator.RecordedRequest;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import dev.gatehouse.testkit.OpenAiSpec;
import dev.gatehouse.testkit.SseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fields a provider adds to OpenAI's shape reach the client untouched (DeepSeek's
 * {@code reasoning_content}, Azure's content-filter annotations), and Azure deployment names reach
 * the provider unchanged.
 */
class ProviderFieldsTest {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withExampleConfig();

    @Test
    void should_keep_deepseeks_reasoning_content_in_a_plain_answer() {
        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("deepseek-reasoner", "Why is the sky blue"));

        assertThat(r.status()).isEqualTo(200);
        OpenAiSpec.assertValid("CreateChatCompletionResponse", r.json());
        assertThat(r.json().path("choices").path(0).path("message").path("reasoning_content").asText())
                .startsWith("Simulated reasoning about: Why is the sky blue");
    }

    @Test
    void should_keep_deepseeks_reasoning_content_in_streamed_deltas() {
        SseResult sse = gw.stream(GatewayHarness.streamedChat("deepseek-reasoner", "Why is the sky blue", false));

        assertThat(sse.endsWithDone()).isTrue();
        StringBuilder reasoning = new StringBuilder();
        for (JsonNode e : sse.events()) {
            OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", e);
            reasoning.append(e.path("choices").path(0).path("delta").path("reasoning_content").asText(""));
        }
        assertThat(reasoning.toString()).startsWith("Simulated reasoning about: Why is the sky blue");
    }

    @Test
    void should_keep_azures_content_filter_results() {
        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("gpt-4o-azure", "Hello"));

        assertThat(r.status()).isEqualTo(200);
        OpenAiSpec.assertValid("CreateChatCompletionResponse", r.json());
        assertThat(r.json().path("choices").path(0).path("content_filter_results").isObject()).as(r.body()).isTrue();
        assertThat(r.json().path("prompt_filter_results").isArray()).as(r.body()).isTrue();
    }

    @Test
    void should_send_an_azure_deployment_name_with_dots_unchanged_in_the_path() {
        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("gpt-4o-azure", "Hello"));

        assertThat(r.status()).isEqualTo(200);
        List<RecordedRequest> calls = gw.simulator().requests();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).path()).isEqualTo("/openai/deployments/gpt-4o.2024-08-06/chat/completions");
        assertThat(calls.get(0).query()).contains("api-version=2024-10-21");
    }
}
