package dev.gatehouse.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestValidatorTest {
    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String chat(String body) { return RequestValidator.validate(Operation.CHAT, json(body)); }

    private static String embeddings(String body) { return RequestValidator.validate(Operation.EMBEDDINGS, json(body)); }

    /** A valid chat request with one more field. */
    private static String chatWith(String field) { return "{\"model\":\"gpt-4o\"," + MESSAGES + "," + field + "}"; }

    private static void assertInvalid(Runnable call, ErrorCode code, String param) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void should_return_the_model_of_a_valid_chat_request() {
        assertThat(chat("""
                {"model":"gpt-4o","messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"hi"}]}],
                 "stream":true,"stream_options":{"include_usage":true},"n":2,"temperature":0.5,"max_tokens":16,
                 "max_completion_tokens":32,"tools":[],"response_format":{"type":"json_object"},"stop":["\\n"],
                 "unknown_vendor_field":{"anything":true}}""")).isEqualTo("gpt-4o");
    }

    @Test
    void should_accept_null_for_optional_fields() {
        assertThat(chat(chatWith("\"stream\":null,\"n\":null,\"max_tokens\":null,\"tools\":null,\"stop\":null")))
                .isEqualTo("gpt-4o");
        assertThat(chat(chatWith("\"stop\":\"END\""))).isEqualTo("gpt-4o");
    }

    @Test
    void should_report_a_missing_model_with_its_own_code() {
        assertInvalid(() -> chat("{" + MESSAGES + "}"), ErrorCode.MISSING_MODEL, "model");
        assertInvalid(() -> chat("{\"model\":null," + MESSAGES + "}"), ErrorCode.MISSING_MODEL, "model");
        assertInvalid(() -> embeddings("{\"input\":\"x\"}"), ErrorCode.MISSING_MODEL, "model");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"\"", "\"  \"", "[\"gpt-4o\"]", "{}", "true"})
    void should_reject_a_model_that_is_not_a_non_empty_string(String model) {
        assertInvalid(() -> chat("{\"model\":" + model + "," + MESSAGES + "}"), ErrorCode.INVALID_REQUEST, "model");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "42", "null"})
    void should_reject_a_body_that_is_not_an_object(String body) {
        assertInvalid(() -> chat(body), ErrorCode.INVALID_REQUEST, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"messages\":\"hi\"", ",\"messages\":{}", ",\"messages\":[]", ",\"messages\":null"})
    void should_reject_missing_or_malformed_messages(String messages) {
        assertInvalid(() -> chat("{\"model\":\"m\"" + messages + "}"), ErrorCode.INVALID_REQUEST, "messages");
    }

    @Test
    void should_name_the_message_that_is_malformed() {
        assertInvalid(() -> chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},\"oops\"]}"),
                ErrorCode.INVALID_REQUEST, "messages[1]");
        assertInvalid(() -> chat("{\"model\":\"m\",\"messages\":[{\"content\":\"a\"}]}"),
                ErrorCode.INVALID_REQUEST, "messages[0].role");
        assertInvalid(() -> chat("{\"model\":\"m\",\"messages\":[{\"role\":1}]}"),
                ErrorCode.INVALID_REQUEST, "messages[0].role");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "stream | \"true\"",
            "stream | 1",
            "stream_options | true",
            "n | 0",
            "n | 1.5",
            "n | \"2\"",
            "n | 99999999999",
            "temperature | \"hot\"",
            "max_tokens | 0",
            "max_tokens | 10.5",
            "max_tokens | \"100\"",
            "max_completion_tokens | -1",
            "tools | {}",
            "tools | \"get_weather\"",
            "response_format | \"json\"",
            "stop | 3"})
    void should_reject_a_chat_field_of_the_wrong_type(String field, String value) {
        GatewayException e = catchInvalid(() -> chat(chatWith("\"" + field + "\":" + value)));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.param()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith("'" + field + "' must be ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "1", "null", "{}"})
    void should_reject_include_usage_that_is_not_a_boolean(String value) {
        assertInvalid(() -> chat(chatWith("\"stream\":true,\"stream_options\":{\"include_usage\":" + value + "}")),
                ErrorCode.INVALID_REQUEST, "stream_options.include_usage");
    }

    @Test
    void should_return_the_model_of_valid_embeddings_requests() {
        assertThat(embeddings("{\"model\":\"text-embedding-3-small\",\"input\":\"hello\"}")).isEqualTo("text-embedding-3-small");
        assertThat(embeddings("{\"model\":\"e\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}")).isEqualTo("e");
        assertThat(embeddings("{\"model\":\"e\",\"input\":[[1,2,3]],\"encoding_format\":\"float\",\"dimensions\":256}")).isEqualTo("e");
        assertThat(embeddings("{\"model\":\"e\",\"input\":\"a\",\"encoding_format\":null}")).isEqualTo("e");
    }

    @Test
    void should_not_apply_chat_rules_to_embeddings() {
        assertThat(embeddings("{\"model\":\"e\",\"input\":\"a\",\"stream\":\"x\"}")).isEqualTo("e");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"input\":null", ",\"input\":42", ",\"input\":{}", ",\"input\":[]", ",\"input\":true"})
    void should_reject_missing_or_malformed_embeddings_input(String input) {
        assertInvalid(() -> embeddings("{\"model\":\"e\"" + input + "}"), ErrorCode.INVALID_REQUEST, "input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"int8\"", "\"FLOAT\"", "1", "[\"float\"]"})
    void should_reject_an_unknown_encoding_format(String format) {
        assertInvalid(() -> embeddings("{\"model\":\"e\",\"input\":\"a\",\"encoding_format\":" + format + "}"),
                ErrorCode.INVALID_REQUEST, "encoding_format");
    }

    private static GatewayException catchInvalid(Runnable r) {
        try {
            r.run();
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("expected a GatewayException");
    }
}
