package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming read of a usage object (complete responses) agrees with the tree read (streams). */
class UsageTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"prompt_tokens\":12,\"completion_tokens\":30,\"total_tokens\":42}",
        "{\"prompt_tokens\":1200,\"completion_tokens\":7,\"total_tokens\":1207,\"prompt_tokens_details\":{\"audio_tokens\":0,\"cached_tokens\":1024},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":5,\"accepted_prediction_tokens\":0}}",
        "{\"completion_tokens\":\"9\",\"prompt_tokens\":\"4\"}",
        "{\"prompt_tokens\":3.9,\"completion_tokens\":null,\"prompt_tokens_details\":null}",
        "{\"prompt_tokens\":{\"text\":5},\"completion_tokens\":[1,2],\"prompt_tokens_details\":{\"cached_tokens\":{\"x\":1}},\"tail\":{\"a\":[{}]}}",
        "{}"})
    void should_read_a_usage_object_from_the_stream_as_from_the_tree(String usage) throws IOException {
        String response = "{\"id\":\"x\",\"usage\":" + usage + ",\"after\":true}";
        Usage streamed;
        try (JsonParser p = Json.MAPPER.createParser(response)) {
            p.nextToken();
            p.nextToken();
            assertThat(p.currentName()).isEqualTo("id");
            p.nextToken();
            p.nextToken();
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            streamed = Usage.readOpenAi(p);
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(p.nextToken()).as("the parser is left at the usage object's end").isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.currentName()).isEqualTo("after");
        }

        assertThat(streamed).isEqualTo(Usage.fromOpenAi(Json.MAPPER.readTree(usage)));
    }
}
