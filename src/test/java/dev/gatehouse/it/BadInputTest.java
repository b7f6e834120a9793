package dev.gatehouse.it;

import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import dev.gatehouse.testkit.OpenAiSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the gateway must refuse itself, each with an OpenAI-shaped error, a stable code and an
 * {@code x-request-id}, without calling any provider; after every one of them the gateway still
 * serves a normal request. Limits from {@code it/limits.yaml}: 4 KiB bodies, 4 KiB headers.
 */
class BadInputTest {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withConfig("it/limits.yaml");

    private static final String HEAD = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + GatewayHarness.KEY + "\r\nContent-Type: application/json";

    @AfterEach
    void the_gateway_still_serves_a_normal_request() {
        gw.simulator().reset();
        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("gpt-4o", "Still there?"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(gw.simulator().requests()).hasSize(1);
    }

    @Test
    void should_refuse_malformed_json_with_its_position() {
        HttpResult r = gw.post("/chat/completions", "{\"model\": \"gpt-4o\", \"messages\": [");

        assertRefused(r, 400, "invalid_json");
        assertThat(r.json().path("error").path("message").asText()).contains("line 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " \n\t "})
    void should_refuse_a_body_that_is_empty_or_only_whitespace(String body) {
        HttpResult r = gw.post("/chat/completions", body);

        assertRefused(r, 400, "invalid_request");
        assertThat(r.json().path("error").path("message").asText()).isEqualTo("The request body is empty; send a JSON object.");
    }

    @Test
    void should_refuse_a_duplicate_key_naming_it_and_its_position() {
        HttpResult r = gw.post("/chat/completions",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"model\":\"other\"}");

        assertRefused(r, 400, "invalid_json");
        assertThat(r.json().path("error").path("message").asText()).contains("line 1, column", "Duplicate field 'model'");
    }

    @Test
    void should_refuse_messages_that_are_a_string() {
        HttpResult r = gw.post("/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":\"Hello\"}");

        assertRefused(r, 400, "invalid_request");
        assertThat(r.json().path("error").path("param").asText()).isEqualTo("messages");
    }

    @Test
    void should_refuse_stream_that_is_a_string() {
        HttpResult r = gw.post("/chat/completions", "{\"model\":\"gpt-4o\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertRefused(r, 400, "invalid_request");
        assertThat(r.json().path("error").path("param").asText()).isEqualTo("stream");
    }

    @Test
    void should_refuse_n_of_zero() {
        HttpResult r = gw.post("/chat/completions", "{\"model\":\"gpt-4o\",\"n\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertRefused(r, 400, "invalid_request");
        assertThat(r.json().path("error").path("param").asText()).isEqualTo("n");
    }

    @Test
    void should_refuse_a_request_without_a_model() {
        HttpResult r = gw.post("/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertRefused(r, 400, "missing_model");
        assertThat(r.json().path("error").path("param").asText()).isEqualTo("model");
    }

    @Test
    void should_answer_404_for_an_unknown_model() {
        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat("no-such-model", "Hi"));

        assertRefused(r, 404, "model_not_found");
        assertThat(r.json().path("error").path("message").asText()).contains("no-such-model");
    }

    @Test
    void should_answer_413_for_a_body_over_the_limit_it_declares() {
        byte[] body = bigChat(10_000);

        HttpResult r = gw.raw(HEAD + "\r\nContent-Length: " + body.length, body);

        assertRefused(r, 413, "request_too_large");
    }

    @Test
    void should_answer_413_for_a_chunked_body_that_grows_over_the_limit() {
        byte[] body = bigChat(10_000);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 1000) {
            int n = Math.min(1000, body.length - at);
            chunked.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(body, at, n);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        HttpResult r = gw.raw(HEAD + "\r\nTransfer-Encoding: chunked", chunked.toByteArray());

        assertRefused(r, 413, "request_too_large");
    }

    @Test
    void should_refuse_a_body_that_is_not_utf8() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"caf".getBytes(StandardCharsets.US_ASCII));
        body.write(0xC3);
        body.write(0x28); // not a continuation byte
        body.writeBytes("\"}]}".getBytes(StandardCharsets.US_ASCII));

        HttpResult r = gw.send(gw.request("/chat/completions").header("authorization", "Bearer " + GatewayHarness.KEY)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());

        assertRefused(r, 400, "invalid_encoding");
    }

    @Test
    void should_answer_431_for_headers_over_the_limit() {
        HttpResult r = gw.raw(HEAD + "\r\nX-Padding: " + GatewayHarness.repeat('a', 8000) + "\r\nContent-Length: 2", "{}".getBytes(StandardCharsets.US_ASCII));

        assertRefused(r, 431, "request_headers_too_large");
    }

    @Test
    void should_answer_401_without_a_key() {
        HttpResult r = gw.send(gw.request("/chat/completions").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chat("gpt-4o", "Hi"))).build());

        assertRefused(r, 401, "invalid_api_key");
    }

    @Test
    void should_answer_401_for_a_wrong_key() {
        HttpResult r = gw.send(gw.request("/chat/completions").header("authorization", "Bearer sk-not-the-key")
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chat("gpt-4o", "Hi"))).build());

        assertRefused(r, 401, "invalid_api_key");
        assertThat(r.body()).doesNotContain("sk-not-the-key");
    }

    @Test
    void should_answer_405_for_the_wrong_method_and_name_the_right_one() {
        HttpResult r = gw.send(gw.request("/chat/completions").header("authorization", "Bearer " + GatewayHarness.KEY).GET().build());

        assertRefused(r, 405, "method_not_allowed");
        assertThat(r.header("allow")).isEqualTo("POST");
    }

    @Test
    void should_answer_404_for_an_unknown_path() {
        HttpResult r = gw.send(gw.request("/completions/legacy").header("authorization", "Bearer " + GatewayHarness.KEY).GET().build());

        assertRefused(r, 404, "not_found");
    }

    private static void assertRefused(HttpResult r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("x-request-id")).isNotBlank();
        assertThat(r.header("content-type")).startsWith("application/json");
        OpenAiSpec.assertValid("ErrorResponse", r.json());
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(gw.simulator().requests()).as("refused without calling a provider").isEmpty();
    }

    private static byte[] bigChat(int size) {
        return GatewayHarness.chat("gpt-4o", GatewayHarness.repeat('x', size)).getBytes(StandardCharsets.UTF_8);
    }
}
