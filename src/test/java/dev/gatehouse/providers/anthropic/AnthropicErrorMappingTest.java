package dev.gatehouse.providers.anthropic;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static dev.gatehouse.providers.anthropic.AnthropicFixtures.adapter;
import static org.assertj.core.api.Assertions.assertThat;

class AnthropicErrorMappingTest {

    private static GatewayException map(int status, String type, String message, MultiMap headers) {
        String body = """
                {"type":"error","error":{"type":"%s","message":"%s"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"""
                .formatted(type, message);
        return adapter().mapError(status, headers, Buffer.buffer(body));
    }

    @ParameterizedTest(name = "{0} {1} becomes {2}")
    @CsvSource({
            "400, invalid_request_error, UPSTREAM_BAD_REQUEST, 'the provider rejected the request: invalid_request_error: max_tokens: Field required'",
            "401, authentication_error,  UPSTREAM_AUTH_FAILED, 'the provider refused the gateway''s credentials (upstream 401)'",
            "403, permission_error,      UPSTREAM_AUTH_FAILED, 'the provider refused the gateway''s credentials (upstream 403)'",
            "404, not_found_error,       UPSTREAM_ERROR,       'the provider does not know this model or deployment (upstream 404): not_found_error: max_tokens: Field required'",
            "413, request_too_large,     UPSTREAM_BAD_REQUEST, 'the provider rejected the request: request_too_large: max_tokens: Field required'",
            "500, api_error,             UPSTREAM_ERROR,       'the provider failed with status 500: api_error: max_tokens: Field required'",
            "529, overloaded_error,      UPSTREAM_ERROR,       'the provider failed with status 529: overloaded_error: max_tokens: Field required'"})
    void should_map_anthropic_error_bodies_by_status(int status, String type, ErrorCode code, String message) {
        GatewayException e = map(status, type, "max_tokens: Field required", MultiMap.caseInsensitiveMultiMap());
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void should_count_529_overloaded_as_a_retryable_server_failure_with_its_retry_hint() {
        GatewayException e = map(529, "overloaded_error", "Overloaded", MultiMap.caseInsensitiveMultiMap().add("retry-after", "3"));
        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void should_map_rate_limits_with_retry_after() {
        GatewayException e = map(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit",
                MultiMap.caseInsensitiveMultiMap().add("retry-after", "20"));
        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(e.getMessage()).endsWith("rate_limit_error: Number of request tokens has exceeded your per-minute rate limit");
    }

    @Test
    void should_scrub_keys_and_hosts_from_upstream_messages() {
        GatewayException e = map(400, "invalid_request_error",
                "image https://internal.example.com/x.png unreachable from 10.0.0.12 with key sk-ant-api03-abcdefghijklmnop",
                MultiMap.caseInsensitiveMultiMap());
        assertThat(e.getMessage()).doesNotContain("example.com", "10.0.0.12", "sk-ant-api03")
                .contains("[url]", "[address]", "[redacted]");
    }

    @Test
    void should_map_a_body_that_is_not_json_by_status_alone() {
        GatewayException e = adapter().mapError(502, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer("<html>Bad Gateway</html>"));
        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(e.getMessage()).isEqualTo("the provider failed with status 502");
    }
}
