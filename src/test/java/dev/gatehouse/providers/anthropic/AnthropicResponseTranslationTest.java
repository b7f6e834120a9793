package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.TranslatedResponse;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gatehouse.providers.anthropic.AnthropicFixtures.MODEL;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.adapter;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.json;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnthropicResponseTranslationTest {

    private static TranslatedResponse translate(JsonNode anthropic) {
        return adapter().fromUpstream(Operation.CHAT, Buffer.buffer(anthropic.toString()), MODEL, null);
    }

    /** Translates the fixture's Anthropic message, compares exact JSON, and checks OpenAI's SDK accepts it. */
    private static TranslatedResponse assertFixture(String name) throws Exception {
        JsonNode fixture = json("responses/" + name + ".json");
        TranslatedResponse response = translate(fixture.get("anthropic"));
        assertThat(parse(response.body().toString())).isEqualTo(fixture.get("openai"));
        ObjectMappers.jsonMapper().readValue(response.body().toString(), ChatCompletion.class).validate();
        return response;
    }

    @Test
    void should_join_text_blocks_and_count_cached_input_as_prompt_tokens() throws Exception {
        TranslatedResponse response = assertFixture("text_with_cache");
        assertThat(response.usage()).isEqualTo(new Usage(2121, 9, 2000, true));
    }

    @Test
    void should_map_tool_use_to_tool_calls() throws Exception {
        TranslatedResponse response = assertFixture("tool_use");
        assertThat(response.usage()).isEqualTo(new Usage(472, 91, 0, true));
    }

    @Test
    void should_keep_thinking_as_reasoning_content() throws Exception {
        assertFixture("thinking");
    }

    @Test
    void should_return_the_json_mode_tool_input_as_content() throws Exception {
        TranslatedResponse response = assertFixture("json_response");
        String content = parse(response.body().toString()).at("/choices/0/message/content").asText();
        assertThat(parse(content)).isEqualTo(parse("{\"name\":\"Ada Lovelace\",\"born\":1815}"));
    }

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource({
            "end_turn, stop",
            "stop_sequence, stop",
            "pause_turn, stop",
            "max_tokens, length",
            "model_context_window_exceeded, length",
            "tool_use, tool_calls",
            "refusal, content_filter"})
    void should_map_every_stop_reason(String stopReason, String finishReason) {
        ObjectNode message = (ObjectNode) json("responses/tool_use.json").get("anthropic");
        message.put("stop_reason", stopReason);
        JsonNode out = parse(translate(message).body().toString());
        assertThat(out.at("/choices/0/finish_reason").asText()).isEqualTo(finishReason);
    }

    @Test
    void should_answer_null_content_when_the_model_only_called_tools() {
        ObjectNode message = (ObjectNode) json("responses/tool_use.json").get("anthropic");
        ((ArrayNode) message.get("content")).remove(0);
        JsonNode out = parse(translate(message).body().toString());
        assertThat(out.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(out.at("/choices/0/message/tool_calls")).hasSize(2);
    }

    @Test
    void should_report_an_unreadable_body_as_a_bad_upstream_response() {
        for (String body : new String[] {"", "not json", "[]", "{\"type\":\"completion\"}"}) {
            assertThatThrownBy(() -> adapter().fromUpstream(Operation.CHAT, Buffer.buffer(body), MODEL, null))
                    .as(body)
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
        }
    }
}
