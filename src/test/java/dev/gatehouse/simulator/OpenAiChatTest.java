package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.metering.TokenCounter;
import dev.gatehouse.testkit.OpenAiSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.gatehouse.simulator.SimHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiChatTest {
    private static final SimHarness H = new SimHarness();
    private static final Map<String, String> AUTH = Map.of("authorization", "Bearer sk-test-123");
    private static final String HELLO = """
            {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Tell me about the weather in Paris today please"}]""";

    @AfterAll
    static void stop() {
        H.close();
    }

    @BeforeEach
    void reset() {
        H.reset();
    }

    private static JsonNode chat(String body) {
        SimHarness.Response r = H.post("/v1/chat/completions", AUTH, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode json = r.json();
        OpenAiSpec.assertValid("CreateChatCompletionResponse", json);
        return json;
    }

    @Test
    void should_answer_a_chat_with_a_reply_derived_from_the_last_user_message_and_exact_usage() {
        JsonNode json = chat(HELLO + "}");
        JsonNode choice = json.get("choices").get(0);
        String content = choice.path("message").path("content").asText();
        assertThat(content).startsWith("Simulated reply to: Tell me about the weather in ");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(json.get("model").asText()).isEqualTo("gpt-4o-mini");
        JsonNode usage = json.get("usage");
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(TokenCounter.standard().count(content)).isEqualTo(12);
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(TokenCounter.standard().countMessages(json(HELLO + "}").get("messages")));
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(usage.get("prompt_tokens").asInt() + 12);
    }

    @Test
    void should_echo_the_last_user_message_verbatim_for_an_echo_model_and_cut_it_at_max_tokens() {
        String message = "我叫张伟，手机 [PHONE_1]。 Please repeat this exactly, spaces   and all.";
        String body = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"first\"},"
                + "{\"role\":\"assistant\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":\"" + message + "\"}]";

        JsonNode whole = chat(body + "}");
        JsonNode cut = chat(body + ",\"max_tokens\":3}");

        assertThat(whole.at("/choices/0/message/content").asText()).isEqualTo(message);
        assertThat(whole.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(whole.at("/usage/completion_tokens").asInt()).isEqualTo(TokenCounter.standard().count(message));
        assertThat(message).startsWith(cut.at("/choices/0/message/content").asText());
        assertThat(cut.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(cut.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void should_be_deterministic_for_the_same_request() {
        String first = chat(HELLO + "}").at("/choices/0/message/content").asText();
        assertThat(chat(HELLO + "}").at("/choices/0/message/content").asText()).isEqualTo(first);
    }

    @Test
    void should_cut_the_reply_at_a_smaller_max_tokens_and_finish_with_length() {
        JsonNode json = chat(HELLO + ",\"max_tokens\":5,\"seed\":7}");
        assertThat(json.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(json.at("/usage/completion_tokens").asInt()).isEqualTo(5);
        assertThat(chat(HELLO + ",\"max_completion_tokens\":3}").at("/usage/completion_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void should_stop_on_its_own_below_a_generous_max_tokens() {
        JsonNode json = chat(HELLO + ",\"max_tokens\":4096}");
        assertThat(json.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(json.at("/usage/completion_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void should_cut_the_reply_at_a_stop_sequence() {
        JsonNode json = chat(HELLO + ",\"max_tokens\":30,\"stop\":[\"weather\",\"reply\"]}");
        assertThat(json.at("/choices/0/message/content").asText()).isEqualTo("Simulated ");
        assertThat(json.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(json.at("/usage/completion_tokens").asInt()).isEqualTo(TokenCounter.standard().count("Simulated "));
    }

    @Test
    void should_answer_n_choices_and_bill_each() {
        JsonNode json = chat(HELLO + ",\"n\":3}");
        assertThat(json.get("choices")).hasSize(3);
        assertThat(json.at("/choices/2/index").asInt()).isEqualTo(2);
        assertThat(json.at("/usage/completion_tokens").asInt()).isEqualTo(36);
    }

    @Test
    void should_give_one_logprob_entry_per_token() {
        JsonNode json = chat(HELLO + ",\"logprobs\":true,\"top_logprobs\":1}");
        JsonNode tokens = json.at("/choices/0/logprobs/content");
        assertThat(tokens).hasSize(12);
        StringBuilder joined = new StringBuilder();
        tokens.forEach(t -> joined.append(t.get("token").asText()));
        assertThat(joined.toString()).isEqualTo(json.at("/choices/0/message/content").asText());
        assertThat(tokens.get(0).get("top_logprobs")).hasSize(1);
    }

    @Test
    void should_call_the_named_tool_with_arguments_from_its_schema() {
        JsonNode json = chat("""
                {"model":"gpt-4o","messages":[{"role":"user","content":"Book it"}],
                 "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}}}}},
                          {"type":"function","function":{"name":"book","parameters":{"type":"object","required":["city","nights","price","vip","tags","size","address"],
                            "properties":{"city":{"type":"string"},"nights":{"type":"integer"},"price":{"type":"number"},"vip":{"type":"boolean"},
                              "tags":{"type":"array","items":{"type":"string"}},"size":{"type":"string","enum":["double","single"]},
                              "address":{"type":"object","required":["zip"],"properties":{"zip":{"type":"string"},"street":{"type":"string"}}},
                              "note":{"type":"string"}}}}}],
                 "tool_choice":{"type":"function","function":{"name":"book"}}}""");
        JsonNode choice = json.at("/choices/0");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.at("/message/content").isNull()).isTrue();
        JsonNode call = choice.at("/message/tool_calls/0");
        assertThat(call.at("/function/name").asText()).isEqualTo("book");
        assertThat(json(call.at("/function/arguments").asText())).isEqualTo(json(
                "{\"city\":\"sim\",\"nights\":1,\"price\":1.0,\"vip\":true,\"tags\":[],\"size\":\"double\",\"address\":{\"zip\":\"sim\"}}"));
    }

    @Test
    void should_call_the_first_tool_unless_tool_choice_is_none() {
        String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\",\"required\":[\"q\"],\"properties\":{\"q\":{\"type\":\"string\"}}}}}]";
        assertThat(chat(HELLO + tools + "}").at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("lookup");
        JsonNode none = chat(HELLO + tools + ",\"tool_choice\":\"none\"}");
        assertThat(none.at("/choices/0/message/tool_calls").isMissingNode()).isTrue();
        assertThat(none.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void should_answer_a_tool_result_with_text_that_mentions_it() {
        JsonNode json = chat("""
                {"model":"gpt-4o","messages":[{"role":"user","content":"Weather?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"w","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"Sunny and 21 degrees"}],
                 "tools":[{"type":"function","function":{"name":"w","parameters":{"type":"object"}}}]}""");
        assertThat(json.at("/choices/0/message/content").asText()).startsWith("Simulated reply to tool result: Sunny and 21 degrees");
        assertThat(json.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void should_answer_json_object_and_json_schema_formats_with_matching_json() {
        JsonNode object = json(chat(HELLO + ",\"response_format\":{\"type\":\"json_object\"}}").at("/choices/0/message/content").asText());
        assertThat(object.get("reply").asText()).startsWith("Simulated reply to: Tell me");
        JsonNode typed = json(chat(HELLO + """
                ,"response_format":{"type":"json_schema","json_schema":{"name":"w","strict":true,"schema":{"type":"object",
                  "required":["city","temp","kind"],"additionalProperties":false,"$defs":{"k":{"type":"string","enum":["rain","sun"]}},
                  "properties":{"city":{"type":"string"},"temp":{"type":["number","null"]},"kind":{"$ref":"#/$defs/k"}}}}}}""")
                .at("/choices/0/message/content").asText());
        assertThat(typed).isEqualTo(json("{\"city\":\"sim\",\"temp\":1.0,\"kind\":\"rain\"}"));
    }

    @Test
    void should_add_reasoning_content_for_reasoner_models() {
        JsonNode json = chat(HELLO.replace("gpt-4o-mini", "deepseek-reasoner") + "}");
        String reasoning = json.at("/choices/0/message/reasoning_content").asText();
        assertThat(reasoning).startsWith("Simulated reasoning about: Tell me");
        int reasoningTokens = TokenCounter.standard().count(reasoning);
        assertThat(json.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(reasoningTokens);
        assertThat(json.at("/usage/completion_tokens").asInt()).isEqualTo(12 + reasoningTokens);
    }

    @Test
    void should_accept_unknown_fields_and_record_them() {
        chat(HELLO + ",\"x_vendor_flag\":{\"a\":1}}");
        assertThat(H.sim.requests()).last().satisfies(r -> assertThat(r.body()).contains("x_vendor_flag"));
    }

    @Test
    void should_serve_a_self_hosted_prefix_without_a_key() {
        SimHarness.Response keyless = H.post("/ollama/v1/chat/completions", Map.of(), HELLO + "}");
        assertThat(keyless.status()).as(keyless.body()).isEqualTo(200);
        OpenAiSpec.assertValid("CreateChatCompletionResponse", keyless.json());
    }

    @Test
    void should_refuse_a_missing_key_and_the_invalid_key_in_openai_error_shape() {
        SimHarness.Response missing = H.post("/v1/chat/completions", Map.of(), HELLO + "}");
        assertThat(missing.status()).isEqualTo(401);
        OpenAiSpec.assertValid("ErrorResponse", missing.json());
        SimHarness.Response invalid = H.post("/v1/chat/completions", Map.of("authorization", "Bearer sim-invalid-key"), HELLO + "}");
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.json().at("/error/code").asText()).isEqualTo("invalid_api_key");
        OpenAiSpec.assertValid("ErrorResponse", invalid.json());
    }

    @Test
    void should_reject_a_request_without_messages_with_a_400() {
        SimHarness.Response r = H.post("/v1/chat/completions", AUTH, "{\"model\":\"gpt-4o\"}");
        assertThat(r.status()).isEqualTo(400);
        OpenAiSpec.assertValid("ErrorResponse", r.json());
        assertThat(H.post("/v1/chat/completions", AUTH, "not json").status()).isEqualTo(400);
    }

    @Test
    void should_serve_openai_compatible_presets_under_their_own_prefixes() {
        SimHarness.Response r = H.post("/compatible-mode/v1/chat/completions", AUTH, HELLO + "}");
        assertThat(r.status()).isEqualTo(200);
        OpenAiSpec.assertValid("CreateChatCompletionResponse", r.json());
    }
}
