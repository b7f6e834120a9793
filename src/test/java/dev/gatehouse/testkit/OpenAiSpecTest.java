package dev.gatehouse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiSpecTest {

    private static JsonNode json(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }

    @Test
    void should_accept_a_valid_stream_chunk_with_a_null_finish_reason() throws Exception {
        JsonNode chunk = json("""
                {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",
                 "choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"logprobs":null,"finish_reason":null}]}""");
        OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", chunk);
    }

    @Test
    void should_follow_component_references_into_nested_schemas() throws Exception {
        JsonNode response = json("""
                {"id":"c1","object":"chat.completion","created":1,"model":"m",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi","refusal":null},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":"three","completion_tokens":1,"total_tokens":4}}""");
        assertThat(OpenAiSpec.problems("CreateChatCompletionResponse", response)).anySatisfy(p -> assertThat(p).contains("prompt_tokens"));
    }

    @Test
    void should_reject_an_invalid_response_with_the_validators_messages() throws Exception {
        JsonNode bad = json("""
                {"id":"c1","object":"chat.completion","created":"yesterday","model":"m",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi","refusal":null},"logprobs":null,"finish_reason":"tired"}]}""");
        assertThatThrownBy(() -> OpenAiSpec.assertValid("CreateChatCompletionResponse", bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("created")
                .hasMessageContaining("finish_reason");
    }

    @Test
    void should_reject_an_error_body_without_the_required_fields() throws Exception {
        OpenAiSpec.assertValid("ErrorResponse", json("{\"error\":{\"message\":\"m\",\"type\":\"t\",\"param\":null,\"code\":null}}"));
        assertThat(OpenAiSpec.problems("ErrorResponse", json("{\"error\":{\"message\":\"m\"}}"))).isNotEmpty();
    }

    @Test
    void should_accept_a_null_usage_where_the_spec_marks_a_reference_nullable_but_still_check_a_present_one() throws Exception {
        String chunk = """
                {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",
                 "choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}],"usage":%s}""";
        OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", json(chunk.formatted("null")));
        OpenAiSpec.assertValid("CreateChatCompletionStreamResponse",
                json(chunk.formatted("{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}")));
        assertThat(OpenAiSpec.problems("CreateChatCompletionStreamResponse", json(chunk.formatted("{\"prompt_tokens\":\"one\"}"))))
                .isNotEmpty();
    }
}
