package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.metering.TokenCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gatehouse.simulator.SimHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

class AnthropicTest {
    private static final SimHarness H = new SimHarness();
    private static final Map<String, String> HEADERS = Map.of("x-api-key", "sk-ant-test", "anthropic-version", "2023-06-01");
    private static final String BODY = """
            {"model":"claude-sonnet-4-5","max_tokens":%d,"system":"Be kind.",
             "messages":[{"role":"user","content":"Write a haiku about autumn leaves"}]%s}""";

    @AfterAll
    static void stop() {
        H.close();
    }

    private static JsonNode message(int maxTokens, String extra) {
        SimHarness.Response r = H.post("/v1/messages", HEADERS, BODY.formatted(maxTokens, extra));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void should_answer_a_message_in_anthropics_shape_with_exact_usage() {
        JsonNode json = message(10, "");
        assertThat(json.get("type").asText()).isEqualTo("message");
        assertThat(json.get("role").asText()).isEqualTo("assistant");
        assertThat(json.get("id").asText()).startsWith("msg_");
        String text = json.at("/content/0/text").asText();
        assertThat(json.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(text).startsWith("Simulated reply to: Write a");
        assertThat(json.get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(json.get("stop_sequence").isNull()).isTrue();
        assertThat(json.at("/usage/output_tokens").asInt()).isEqualTo(10).isEqualTo(TokenCounter.standard().count(text));
        int input = TokenCounter.standard().countMessages(json(BODY.formatted(1, "")).get("messages")) + TokenCounter.standard().count("Be kind.");
        assertThat(json.at("/usage/input_tokens").asInt()).isEqualTo(input);
    }

    @Test
    void should_report_the_stop_sequence_it_stopped_at() {
        JsonNode json = message(50, ",\"stop_sequences\":[\"haiku\"]");
        assertThat(json.get("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(json.get("stop_sequence").asText()).isEqualTo("haiku");
        assertThat(json.at("/content/0/text").asText()).isEqualTo("Simulated reply to: Write a ");
    }

    @Test
    void should_answer_with_a_tool_use_block_when_tools_are_given() {
        JsonNode json = message(200, ",\"tools\":[{\"name\":\"get_weather\",\"description\":\"d\",\"input_schema\":{\"type\":\"object\","
                + "\"required\":[\"location\"],\"properties\":{\"location\":{\"type\":\"string\"}}}}]");
        assertThat(json.get("stop_reason").asText()).isEqualTo("tool_use");
        JsonNode block = json.at("/content/0");
        assertThat(block.get("type").asText()).isEqualTo("tool_use");
        assertThat(block.get("id").asText()).startsWith("toolu_");
        assertThat(block.get("name").asText()).isEqualTo("get_weather");
        assertThat(block.get("input")).isEqualTo(json("{\"location\":\"sim\"}"));
    }

    @Test
    void should_stream_the_documented_event_sequence() {
        SimHarness.Streamed s = H.stream("/v1/messages", HEADERS, json(BODY.formatted(8, ",\"stream\":true")));
        assertThat(s.ended()).isTrue();
        List<String> types = s.events().stream().map(SimHarness.Event::event).toList();
        assertThat(types).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        List<JsonNode> events = s.jsonEvents();
        assertThat(events).allSatisfy(e -> assertThat(e.get("type").asText()).isIn(types));
        assertThat(events.get(0).at("/message/content")).isEmpty();
        assertThat(events.get(0).at("/message/usage/input_tokens").asInt()).isPositive();
        assertThat(events.get(3).at("/delta/type").asText()).isEqualTo("text_delta");
        JsonNode delta = events.get(events.size() - 2);
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(8);
    }

    @Test
    void should_stream_tool_input_as_input_json_deltas() {
        SimHarness.Streamed s = H.stream("/v1/messages", HEADERS, json(BODY.formatted(100, ",\"stream\":true,\"tools\":[{\"name\":\"f\","
                + "\"input_schema\":{\"type\":\"object\",\"required\":[\"n\"],\"properties\":{\"n\":{\"type\":\"integer\"}}}}]")));
        List<JsonNode> events = s.jsonEvents();
        assertThat(events.get(1).at("/content_block/type").asText()).isEqualTo("tool_use");
        StringBuilder partial = new StringBuilder();
        events.stream().filter(e -> e.get("type").asText().equals("content_block_delta"))
                .forEach(e -> partial.append(e.at("/delta/partial_json").asText()));
        assertThat(json(partial.toString())).isEqualTo(json("{\"n\":1}"));
        assertThat(events.get(events.size() - 2).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void should_answer_a_tool_result_with_text() {
        SimHarness.Response r = H.post("/v1/messages", HEADERS, """
                {"model":"claude","max_tokens":100,"messages":[{"role":"user","content":"Weather?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"w","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"Rainy all day"}]}],
                 "tools":[{"name":"w","input_schema":{"type":"object"}}]}""");
        assertThat(r.json().at("/content/0/text").asText()).startsWith("Simulated reply to tool result: Rainy all day");
    }

    @Test
    void should_refuse_missing_headers_in_anthropics_error_shape() {
        SimHarness.Response noKey = H.post("/v1/messages", Map.of("anthropic-version", "2023-06-01"), BODY.formatted(10, ""));
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().get("type").asText()).isEqualTo("error");
        assertThat(noKey.json().at("/error/type").asText()).isEqualTo("authentication_error");
        SimHarness.Response noVersion = H.post("/v1/messages", Map.of("x-api-key", "k"), BODY.formatted(10, ""));
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
        SimHarness.Response invalid = H.post("/v1/messages", Map.of("x-api-key", "sim-invalid-key", "anthropic-version", "2023-06-01"), BODY.formatted(10, ""));
        assertThat(invalid.status()).isEqualTo(401);
    }

    @Test
    void should_require_max_tokens() {
        SimHarness.Response r = H.post("/v1/messages", HEADERS, "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).contains("max_tokens");
    }
}
