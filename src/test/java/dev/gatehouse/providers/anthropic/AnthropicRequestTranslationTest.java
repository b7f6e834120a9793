package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import dev.gatehouse.providers.UpstreamRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gatehouse.providers.anthropic.AnthropicFixtures.MODEL;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.adapter;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.json;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.object;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnthropicRequestTranslationTest {

    private static JsonNode translate(ObjectNode openAi) {
        boolean stream = openAi.path("stream").asBoolean(false);
        UpstreamRequest request = adapter().toUpstream(Operation.CHAT, openAi, MODEL, stream);
        return parse(request.body().toString());
    }

    private static void assertFixture(String name) {
        JsonNode fixture = json("requests/" + name + ".json");
        assertThat(translate((ObjectNode) fixture.get("openai"))).isEqualTo(fixture.get("anthropic"));
    }

    private static JsonNode translate(String openAi) {
        return translate(object(openAi));
    }

    private static final String HELLO = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    @Test
    void should_lift_system_and_developer_messages_default_max_tokens_and_drop_params_anthropic_lacks() {
        assertFixture("system_sampling_and_dropped_params");
    }

    @Test
    void should_send_data_uri_images_inline_and_http_images_by_url() {
        assertFixture("images");
    }

    @Test
    void should_turn_tool_calls_and_results_into_blocks_and_merge_same_role_turns() {
        assertFixture("tool_round_trip");
    }

    @Test
    void should_emulate_json_schema_with_a_forced_tool() {
        assertFixture("json_schema_emulation");
    }

    @Test
    void should_merge_consecutive_messages_of_one_role_so_turns_alternate() {
        JsonNode out = translate("""
                {"messages":[
                  {"role":"user","content":"First question."},
                  {"role":"user","content":[{"type":"text","text":"Second question."}]},
                  {"role":"assistant","content":"First answer."},
                  {"role":"system","content":"Late instruction."},
                  {"role":"assistant","content":[{"type":"text","text":""},{"type":"text","text":"Second answer."}]}]}""");
        assertThat(out.get("messages")).isEqualTo(parse("""
                [{"role":"user","content":[{"type":"text","text":"First question."},{"type":"text","text":"Second question."}]},
                 {"role":"assistant","content":[{"type":"text","text":"First answer."},{"type":"text","text":"Second answer."}]}]"""));
        assertThat(out.get("system").asText()).isEqualTo("Late instruction.");
    }

    @Test
    void should_emulate_json_object_with_a_permissive_schema() {
        JsonNode out = translate("{" + HELLO + ",\"response_format\":{\"type\":\"json_object\"}}");
        assertThat(out.get("tools")).isEqualTo(parse("""
                [{"name":"json_response","description":"Reply with your answer as a JSON object, given as this tool's input.",
                  "input_schema":{"type":"object","additionalProperties":true}}]"""));
        assertThat(out.get("tool_choice")).isEqualTo(parse("{\"type\":\"tool\",\"name\":\"json_response\"}"));
    }

    @Test
    void should_keep_client_tools_callable_when_emulating_json_schema() {
        JsonNode out = translate("{" + HELLO + """
                ,"tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}],
                 "response_format":{"type":"json_object"}}""");
        assertThat(out.path("tools").findValuesAsText("name")).containsExactly("lookup", "json_response");
        assertThat(out.get("tool_choice")).isEqualTo(parse("{\"type\":\"any\"}"));
    }

    @Test
    void should_send_nothing_extra_for_a_text_response_format() {
        JsonNode out = translate("{" + HELLO + ",\"response_format\":{\"type\":\"text\"}}");
        assertThat(out.has("tools")).isFalse();
        assertThat(out.has("tool_choice")).isFalse();
    }

    @ParameterizedTest(name = "tool_choice {0} becomes {1}")
    @CsvSource(delimiter = '|', value = {
            "\"auto\"                                               | {\"type\":\"auto\"}",
            "\"none\"                                               | {\"type\":\"none\"}",
            "\"required\"                                           | {\"type\":\"any\"}",
            "{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}} | {\"type\":\"tool\",\"name\":\"lookup\"}"})
    void should_map_tool_choice(String openAi, String anthropic) {
        JsonNode out = translate("{" + HELLO + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}],"
                + "\"tool_choice\":" + openAi + "}");
        assertThat(out.get("tool_choice")).isEqualTo(parse(anthropic));
    }

    @Test
    void should_disable_parallel_tool_use_with_auto_choice_when_client_gave_none() {
        JsonNode out = translate("{" + HELLO + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}],"
                + "\"parallel_tool_calls\":false}");
        assertThat(out.get("tool_choice")).isEqualTo(parse("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
    }

    @Test
    void should_not_send_tool_choice_without_tools() {
        JsonNode out = translate("{" + HELLO + ",\"tool_choice\":\"auto\",\"parallel_tool_calls\":false}");
        assertThat(out.has("tool_choice")).isFalse();
    }

    @ParameterizedTest(name = "stop {0}")
    @CsvSource(delimiter = '|', value = {
            "\"END\"               | [\"END\"]",
            "[\"END\",\"\\n\\nHuman:\"] | [\"END\",\"\\n\\nHuman:\"]"})
    void should_map_stop_to_stop_sequences(String stop, String sequences) {
        JsonNode out = translate("{" + HELLO + ",\"stop\":" + stop + "}");
        assertThat(out.get("stop_sequences")).isEqualTo(parse(sequences));
    }

    @Test
    void should_prefer_max_completion_tokens_and_otherwise_default_to_4096() {
        assertThat(translate("{" + HELLO + ",\"max_tokens\":50}").get("max_tokens").asInt()).isEqualTo(50);
        assertThat(translate("{" + HELLO + "}").get("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void should_ask_for_a_stream_when_the_client_streams() {
        UpstreamRequest request = adapter().toUpstream(Operation.CHAT, object("{" + HELLO + "}"), MODEL, true);
        assertThat(parse(request.body().toString()).get("stream").asBoolean()).isTrue();
        assertThat(request.headers().get("accept")).isEqualTo("text/event-stream");
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiter = '|', value = {
            "n        | \"n\":2",
            "logprobs | \"logprobs\":true"})
    void should_refuse_parameters_whose_loss_would_change_the_answer(String param, String field) {
        assertThatThrownBy(() -> translate("{" + HELLO + "," + field + "}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.getMessage()).contains(param);
                });
    }

    @Test
    void should_refuse_a_client_tool_named_like_the_json_mode_tool() {
        assertThatThrownBy(() -> translate("{" + HELLO + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"json_response\"}}]}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).isEqualTo("tools[0].function.name"));
    }

    @Test
    void should_refuse_content_parts_anthropic_cannot_take() {
        assertThatThrownBy(() -> translate("""
                {"messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]}"""))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.param()).isEqualTo("messages[0].content[0].type");
                });
    }

    @Test
    void should_refuse_tool_call_arguments_that_are_not_a_json_object() {
        assertThatThrownBy(() -> translate("""
                {"messages":[{"role":"assistant","tool_calls":[{"id":"t1","type":"function","function":{"name":"f","arguments":"[1,"}}]}]}"""))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.param()).isEqualTo("messages[0].tool_calls[0].function.arguments"));
    }

    @Test
    void should_refuse_embeddings() {
        assertThat(adapter().supports(Operation.EMBEDDINGS)).isFalse();
        assertThat(adapter().supports(Operation.CHAT)).isTrue();
        assertThatThrownBy(() -> adapter().toUpstream(Operation.EMBEDDINGS, object("{\"input\":\"x\"}"), MODEL, false))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION));
    }
}
