package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request body's one-pass tree against Jackson databind's {@code readTree} with the settings
 * the gateway used before (whole document, duplicate keys refused): same nodes, node types
 * included, and an error wherever databind has one.
 */
class TreeReaderTest {
    private static final ObjectReader DATABIND = Json.DOCUMENT.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2,\"max_tokens\":64}",
        "{\"n\":[0,-0,1,-1,2147483647,2147483648,-2147483649,9223372036854775807,9223372036854775808,-99999999999999999999]}",
        "{\"f\":[0.0,-0.0,1.5,1e3,1E-7,-2.5e+10,1e400,0.1000000000000000055511151231257827,123456789012345678901234567890.5]}",
        "{\"s\":[\"\",\"\\u00e9\\n\\t\\\"\\\\\",\"日本語\",\"\\ud83d\\ude00\"],\"b\":[true,false,null]}",
        "{\"empty\":{},\"none\":[],\"deep\":{\"a\":{\"b\":{\"c\":[[[{}]]]}}}}",
        "  \n{ \"model\" : \"spaced\" , \"x\" : [ 1 , 2 ] }\n\t ",
        "[1,{\"model\":\"in an array\"}]",
        "\"just a string\"", "42", "-1.5", "true", "null", "{}",
    })
    void should_build_the_same_tree_as_databind(String json) throws IOException {
        JsonNode expected = DATABIND.readTree(json.getBytes(StandardCharsets.UTF_8));

        JsonNode actual = RequestJson.read(Buffer.buffer(json)).tree();

        assertThat(actual).isEqualTo(expected);
        assertThat(Json.MAPPER.writeValueAsString(actual)).isEqualTo(Json.MAPPER.writeValueAsString(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"model\":\"m\"} {}", "{\"model\":\"m\"}]", "{\"a\":1,}", "{\"a\":NaN}", "{\"a\":[1,2}", "{\"a\"", "{'a':1}",
        "{\"a\":1,\"a\":1}", "{\"x\":{\"a\":{},\"a\":{}}}", "[{\"k\":1,\"k\":2}]", "tru", "01", "[1,2", "{\"a\":[",
    })
    void should_refuse_what_databind_refuses(String json) {
        assertThatThrownBy(() -> DATABIND.readTree(json.getBytes(StandardCharsets.UTF_8))).isInstanceOf(JsonProcessingException.class);

        assertThatThrownBy(() -> RequestJson.read(Buffer.buffer(json))).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void should_read_an_empty_or_blank_body_as_no_tree() throws IOException {
        assertThat(RequestJson.read(Buffer.buffer("")).tree()).isNull();
        assertThat(RequestJson.read(Buffer.buffer(" \n ")).tree()).isNull();
    }

    @Test
    void should_stop_nesting_deeper_than_the_parser_allows_with_a_constraint_error() {
        String deep = "{\"model\":\"m\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";

        assertThatThrownBy(() -> RequestJson.read(Buffer.buffer(deep))).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void should_note_the_top_level_model_in_a_slice_of_a_larger_buffer() throws IOException {
        Buffer whole = Buffer.buffer("xxxx{\"metadata\":{\"model\":\"nested\"},\"model\":\"top\"}yyyy");
        Buffer body = whole.slice(4, whole.length() - 4);

        BodySplice splice = RequestJson.read(body).splice();

        assertThat(splice.objectStart()).isZero();
        assertThat(body.getString(splice.modelStart(), splice.modelStart() + 5)).isEqualTo("\"top\"");
    }
}
