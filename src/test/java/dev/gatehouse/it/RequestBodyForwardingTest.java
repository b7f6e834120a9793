package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.simulator.RecordedRequest;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reaches the provider when no stage changes a request: the client's own bytes (formatting,
 * key order, number spellings, fields the gateway does not know) with only the model replaced,
 * per attempt; re-serialised only where the provider needs more changed. Bodies with duplicate
 * keys are refused before anything goes upstream.
 */
class RequestBodyForwardingTest {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withExampleConfig();

    /** Spacing, key order and numbers that a parse and re-serialisation would all change. */
    private static final String BODY = "{ \"messages\" : [ {\"role\":\"user\", \"content\":\"Say \\u00e9t\\u00e9\"} ],\n"
            + "  \"model\":\"%s\" , \"temperature\": 1.10, \"top_p\": 1e0,\n"
            + "  \"seed\": 123456789012345678901234567890, \"metadata\": {\"z\": \"1\", \"a\": \"2\"}%s }";

    private static List<RecordedRequest> upstream() {
        return gw.simulator().requests();
    }

    @Test
    void should_send_the_clients_bytes_with_only_the_route_replaced_by_the_upstream_model() {
        HttpResult r = gw.post("/chat/completions", BODY.formatted("llama3", ""));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(upstream()).singleElement().extracting(RecordedRequest::body)
                .isEqualTo(BODY.formatted("llama3.2", ""));
    }

    @Test
    void should_add_the_usage_option_to_a_stream_and_keep_the_rest_as_sent() {
        String body = BODY.formatted("gpt-4o", ", \"stream\": true");

        HttpResult r = gw.post("/chat/completions", body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).as("the client did not ask for usage, so gets none").doesNotContain("\"usage\":{");
        assertThat(upstream()).singleElement().extracting(RecordedRequest::body)
                .isEqualTo("{\"stream_options\":{\"include_usage\":true}," + body.substring(1));
    }

    @Test
    void should_splice_per_attempt_and_re_serialise_only_for_the_upstream_that_needs_a_field_renamed() throws IOException {
        String body = BODY.formatted("resilient-chat", ", \"max_completion_tokens\": 16");

        HttpResult r = gw.post("/chat/completions", body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<RecordedRequest> calls = upstream();
        assertThat(calls).hasSizeGreaterThanOrEqualTo(2);
        assertThat(calls.get(0).body()).as("the first deployment (it fails) gets the client's bytes")
                .isEqualTo(BODY.formatted("fault-500", ", \"max_completion_tokens\": 16"));
        JsonNode second = Json.MAPPER.readTree(calls.get(calls.size() - 1).body());
        assertThat(second.path("model").asText()).isEqualTo("deepseek-chat");
        assertThat(second.path("max_tokens").asInt()).as("DeepSeek knows only max_tokens").isEqualTo(16);
        assertThat(second.has("max_completion_tokens")).isFalse();
        assertThat(second.path("metadata").path("a").asText()).isEqualTo("2");
        assertThat(second.path("seed").bigIntegerValue()).hasToString("123456789012345678901234567890");
    }

    @Test
    void should_refuse_a_duplicate_key_and_send_nothing_upstream() {
        HttpResult r = gw.post("/chat/completions",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"model\":\"resilient-chat\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_json");
        assertThat(r.json().path("error").path("message").asText()).contains("Duplicate field 'model'");
        assertThat(upstream()).isEmpty();
    }
}
