package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonParseException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's bytes forwarded with only the model replaced: exactly those bytes, and valid JSON. */
class BodySpliceTest {

    private static BodySplice splice(String body) throws IOException {
        RequestJson.Parsed parsed = RequestJson.read(Buffer.buffer(body));
        assertThat(parsed.splice()).as("splice points of %s", body).isNotNull();
        return parsed.splice();
    }

    private static String forward(String body, String model, boolean streamUsage) throws IOException {
        String out = splice(body).forward(model, streamUsage).toString(StandardCharsets.UTF_8);
        Json.MAPPER.readTree(out); // must still be JSON
        return out;
    }

    @Test
    void should_replace_only_the_model_and_keep_every_other_byte() throws IOException {
        String body = "{ \"messages\" : [ {\"role\":\"user\",\"content\":\"model \\\"x\\\"\"} ],\n  \"model\":\"alias\", \"temperature\": 1.0e0, \"n\":1 }";

        assertThat(forward(body, "gpt-4o-2024-08-06", false))
                .isEqualTo(body.replace("\"alias\"", "\"gpt-4o-2024-08-06\""));
        assertThat(forward(body, "x", false)).isEqualTo(body.replace("\"alias\"", "\"x\""));
    }

    @Test
    void should_hand_back_the_received_buffer_when_the_model_is_unchanged() throws IOException {
        Buffer received = Buffer.buffer("{\"model\":\"gpt-4o\",\"messages\":[]}");
        BodySplice splice = RequestJson.read(received).splice();

        assertThat(splice.forward("gpt-4o", false)).isSameAs(received);
    }

    @Test
    void should_replace_a_model_written_with_escapes_and_quote_the_new_one() throws IOException {
        String body = "{\"model\":\"gpt\\u002d4o \\\\ \\\"q\\\"\",\"messages\":[]}";

        assertThat(forward(body, "deploy \"eu\" \\ 模型", false))
                .isEqualTo("{\"model\":\"deploy \\\"eu\\\" \\\\ 模型\",\"messages\":[]}");
    }

    @Test
    void should_add_stream_usage_as_the_first_member() throws IOException {
        assertThat(forward("  {\"stream\":true,\"model\":\"m\"}", "m", true))
                .isEqualTo("  {\"stream_options\":{\"include_usage\":true},\"stream\":true,\"model\":\"m\"}");
    }

    @Test
    void should_find_the_model_after_a_byte_order_mark_and_in_a_buffer_that_is_a_slice() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Buffer withBom = Buffer.buffer(bom).appendString("{\"model\":\"a\"}");
        assertThat(RequestJson.read(withBom).splice().forward("bb", false).getBytes())
                .isEqualTo(Buffer.buffer(bom).appendString("{\"model\":\"bb\"}").getBytes());

        Buffer slice = Buffer.buffer("xxxx{\"model\":\"a\",\"n\":2}yy").slice(4, 23);
        assertThat(RequestJson.read(slice).splice().forward("bb", false).toString()).isEqualTo("{\"model\":\"bb\",\"n\":2}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[{\"model\":\"m\"}]",
        "{\"model\":7}",
        "{\"messages\":[{\"model\":\"nested\"}]}",
        "{\"metadata\":{\"model\":\"nested\"}}",
        "\"model\""})
    void should_give_no_splice_without_a_top_level_string_model(String body) throws IOException {
        assertThat(RequestJson.read(Buffer.buffer(body)).splice()).isNull();
    }

    @Test
    void should_locate_the_top_level_model_not_a_nested_one_before_it() throws IOException {
        String body = "{\"metadata\":{\"model\":\"nested\"},\"model\":\"top\"}";

        assertThat(forward(body, "new", false)).isEqualTo("{\"metadata\":{\"model\":\"nested\"},\"model\":\"new\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"model\":\"allowed\",\"model\":\"other\"}",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"content\":\"b\"}]}",
        "{\"model\":\"m\",\"messages\":[],\"messages\":[]}"})
    void should_refuse_duplicate_keys_at_any_depth(String body) {
        assertThatThrownBy(() -> RequestJson.read(Buffer.buffer(body)))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("Duplicate field");
    }
}
