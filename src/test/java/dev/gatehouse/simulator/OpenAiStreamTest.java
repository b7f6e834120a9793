package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.metering.TokenCounter;
import dev.gatehouse.testkit.OpenAiSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.simulator.SimHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiStreamTest {
    private static final SimHarness H = new SimHarness();
    private static final Map<String, String> AUTH = Map.of("authorization", "Bearer sk-test");

    @AfterAll
    static void stop() {
        H.close();
    }

    @BeforeEach
    void reset() {
        H.reset();
    }

    private static SimHarness.Streamed stream(String model, String extra) {
        SimHarness.Streamed s = H.stream("/v1/chat/completions", AUTH, json(
                "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Count the stars tonight\"}]" + extra + "}"));
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.headers().get("content-type")).startsWith("text/event-stream");
        assertThat(s.ended()).isTrue();
        assertThat(s.events()).last().extracting(SimHarness.Event::data).isEqualTo("[DONE]");
        s.jsonEvents().forEach(chunk -> OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", chunk));
        return s;
    }

    private static String content(List<JsonNode> chunks) {
        StringBuilder sb = new StringBuilder();
        chunks.forEach(c -> sb.append(c.at("/choices/0/delta/content").asText("")));
        return sb.toString();
    }

    @Test
    void should_stream_one_token_per_chunk_with_one_id_a_role_first_and_a_finish_last() {
        List<JsonNode> chunks = stream("gpt-4o-mini", "").jsonEvents();
        assertThat(chunks).extracting(c -> c.get("id").asText()).containsOnly(chunks.get(0).get("id").asText());
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks).hasSize(1 + 12 + 1); // role, one chunk per token, finish
        assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.at("/choices/0/finish_reason").isNull()).isTrue());
        assertThat(content(chunks)).startsWith("Simulated reply to: Count the stars tonight");
        assertThat(chunks).noneSatisfy(c -> assertThat(c.has("usage") && !c.get("usage").isNull()).isTrue());
    }

    @Test
    void should_end_with_a_usage_only_chunk_when_include_usage_is_set() {
        List<JsonNode> chunks = stream("gpt-4o-mini", ",\"stream_options\":{\"include_usage\":true},\"max_tokens\":10").jsonEvents();
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.get("choices")).isEmpty();
        assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(10).isEqualTo(TokenCounter.standard().count(content(chunks)));
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
    }

    @Test
    void should_group_tokens_into_chunks_of_the_configured_size() {
        H.sim.timing(new Timing(0, 0, 0, 5));
        List<JsonNode> chunks = stream("gpt-4o-mini", "").jsonEvents();
        assertThat(chunks).hasSize(1 + 3 + 1); // 12 tokens in chunks of 5, 5, 2
        assertThat(content(chunks)).isEqualTo(content(chunks.subList(0, chunks.size())));
        assertThat(TokenCounter.standard().count(chunks.get(1).at("/choices/0/delta/content").asText())).isEqualTo(5);
    }

    @Test
    void should_report_running_totals_on_every_chunk_for_running_usage_models() {
        List<JsonNode> chunks = stream("sim-running-usage", "").jsonEvents();
        assertThat(chunks).allSatisfy(c -> assertThat(c.has("usage")).isTrue());
        assertThat(chunks).extracting(c -> c.at("/usage/completion_tokens").asInt()).isSorted().endsWith(12, 12);
        assertThat(chunks.get(1).at("/usage/completion_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void should_put_usage_inside_the_last_choice_for_usage_in_choice_models() {
        List<JsonNode> chunks = stream("moonshot-usage-in-choice", ",\"stream_options\":{\"include_usage\":true}").jsonEvents();
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(last.at("/choices/0/usage/completion_tokens").asInt()).isEqualTo(12);
        assertThat(chunks).noneSatisfy(c -> assertThat(c.has("usage")).isTrue());
    }

    @Test
    void should_never_report_usage_for_no_stream_usage_models() {
        List<JsonNode> chunks = stream("sim-no-stream-usage", ",\"stream_options\":{\"include_usage\":true}").jsonEvents();
        assertThat(chunks).noneSatisfy(c -> assertThat(c.has("usage")).isTrue());
        assertThat(chunks).noneSatisfy(c -> assertThat(c.get("choices")).isEmpty());
    }

    @Test
    void should_stream_a_tool_call_whose_argument_fragments_join_into_json() {
        List<JsonNode> chunks = stream("gpt-4o", ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"find\","
                + "\"parameters\":{\"type\":\"object\",\"required\":[\"q\",\"limit\"],\"properties\":{\"q\":{\"type\":\"string\"},\"limit\":{\"type\":\"integer\"}}}}}]").jsonEvents();
        assertThat(chunks.get(0).at("/choices/0/delta/tool_calls/0/function/name").asText()).isEqualTo("find");
        assertThat(chunks.get(0).at("/choices/0/delta/tool_calls/0/id").asText()).startsWith("call_");
        StringBuilder args = new StringBuilder();
        chunks.forEach(c -> args.append(c.at("/choices/0/delta/tool_calls/0/function/arguments").asText("")));
        assertThat(json(args.toString())).isEqualTo(json("{\"q\":\"sim\",\"limit\":1}"));
        assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void should_stream_reasoning_content_before_the_answer_for_reasoner_models() {
        List<JsonNode> chunks = stream("deepseek-reasoner", "").jsonEvents();
        StringBuilder reasoning = new StringBuilder();
        chunks.forEach(c -> reasoning.append(c.at("/choices/0/delta/reasoning_content").asText("")));
        assertThat(reasoning.toString()).startsWith("Simulated reasoning about: Count the stars");
        int firstContent = 0;
        while (chunks.get(firstContent).at("/choices/0/delta/content").asText("").isEmpty()) firstContent++;
        assertThat(chunks.get(firstContent - 1).at("/choices/0/delta/reasoning_content").isTextual()).isTrue();
    }

    @Test
    void should_attach_per_token_logprobs_to_content_chunks() {
        List<JsonNode> chunks = stream("gpt-4o-mini", ",\"logprobs\":true").jsonEvents();
        assertThat(chunks.get(1).at("/choices/0/logprobs/content/0/token").asText()).isEqualTo(chunks.get(1).at("/choices/0/delta/content").asText());
    }

    @Test
    void should_stream_each_of_n_choices_to_its_finish() {
        List<JsonNode> chunks = stream("gpt-4o-mini", ",\"n\":2").jsonEvents();
        assertThat(chunks).filteredOn(c -> !c.at("/choices/0/finish_reason").isNull()).extracting(c -> c.at("/choices/0/index").asInt()).containsExactly(0, 1);
    }
}
