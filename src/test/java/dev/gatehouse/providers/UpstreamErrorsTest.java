package dev.gatehouse.providers;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamErrorsTest {
    private static final Buffer OPENAI_ERROR = Buffer.buffer(
            "{\"error\":{\"message\":\"Invalid value for 'temperature'.\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}");

    private static GatewayException map(int status, MultiMap headers, Buffer body) {
        return UpstreamErrors.map(status, headers, body, UpstreamErrors::openAiStyleMessage);
    }

    private static MultiMap headers(String... nameValue) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < nameValue.length; i += 2) h.add(nameValue[i], nameValue[i + 1]);
        return h;
    }

    @ParameterizedTest(name = "upstream {0} -> {1}")
    @CsvSource({
            "400, UPSTREAM_BAD_REQUEST",
            "401, UPSTREAM_AUTH_FAILED",
            "403, UPSTREAM_AUTH_FAILED",
            "404, UPSTREAM_ERROR",
            "408, UPSTREAM_TIMEOUT",
            "409, UPSTREAM_BAD_REQUEST",
            "413, UPSTREAM_BAD_REQUEST",
            "422, UPSTREAM_BAD_REQUEST",
            "429, UPSTREAM_RATE_LIMITED",
            "500, UPSTREAM_ERROR",
            "502, UPSTREAM_ERROR",
            "503, UPSTREAM_ERROR",
            "529, UPSTREAM_ERROR"})
    void should_map_each_upstream_status_to_its_error_code(int status, ErrorCode expected) {
        assertThat(map(status, headers(), OPENAI_ERROR).code()).isEqualTo(expected);
    }

    @Test
    void should_keep_the_providers_message_and_param_for_a_rejected_request() {
        GatewayException e = map(400, headers(), OPENAI_ERROR);

        assertThat(e.getMessage()).isEqualTo("the provider rejected the request: Invalid value for 'temperature'.");
        assertThat(e.param()).isEqualTo("temperature");
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void should_not_repeat_the_providers_message_on_an_auth_failure() {
        GatewayException e = map(401, headers(), Buffer.buffer("{\"error\":{\"message\":\"Incorrect API key provided: sk-abc***xyz\"}}"));

        assertThat(e.getMessage()).isEqualTo("the provider refused the gateway's credentials (upstream 401)");
        assertThat(e.status()).isEqualTo(502);
    }

    @Test
    void should_read_a_top_level_message_and_a_string_error() {
        assertThat(map(500, headers(), Buffer.buffer("{\"message\":\"boom\"}")).getMessage())
                .isEqualTo("the provider failed with status 500: boom");
        assertThat(map(500, headers(), Buffer.buffer("{\"error\":\"overloaded\"}")).getMessage())
                .isEqualTo("the provider failed with status 500: overloaded");
    }

    @Test
    void should_cope_with_a_body_that_is_empty_or_not_json() {
        assertThat(map(502, headers(), Buffer.buffer("<html>Bad Gateway</html>")).getMessage())
                .isEqualTo("the provider failed with status 502");
        assertThat(map(503, headers(), Buffer.buffer()).getMessage()).isEqualTo("the provider failed with status 503");
        assertThat(map(503, null, null).code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    }

    @Test
    void should_keep_a_content_filter_code_as_the_wire_code() {
        GatewayException e = map(400, headers(), Buffer.buffer(
                "{\"error\":{\"message\":\"The response was filtered\",\"code\":\"content_filter\",\"param\":\"prompt\"}}"));

        assertThat(e.code()).isEqualTo(ErrorCode.CONTENT_FILTERED);
        assertThat(e.wireCode()).isEqualTo("content_filter");
        assertThat(e.param()).isEqualTo("prompt");
        assertThat(e.getMessage()).isEqualTo("the provider's content filter blocked the request: The response was filtered");
    }

    @Test
    void should_keep_a_content_policy_violation_code_as_the_wire_code() {
        GatewayException e = map(400, headers(), Buffer.buffer("{\"error\":{\"message\":\"no\",\"code\":\"content_policy_violation\"}}"));

        assertThat(e.code()).isEqualTo(ErrorCode.CONTENT_FILTERED);
        assertThat(e.wireCode()).isEqualTo("content_policy_violation");
    }

    @Test
    void should_carry_retry_after_seconds_on_a_rate_limit() {
        GatewayException e = map(429, headers("Retry-After", "7"), OPENAI_ERROR);

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void should_carry_retry_after_on_a_server_error() {
        assertThat(map(503, headers("retry-after", "2"), Buffer.buffer()).retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void should_read_retry_after_as_an_http_date() {
        String in90s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(90));

        Duration d = UpstreamErrors.retryAfter(headers("Retry-After", in90s));

        assertThat(d).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(90));
    }

    @Test
    void should_read_a_past_http_date_as_no_wait() {
        assertThat(UpstreamErrors.retryAfter(headers("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"))).isEqualTo(Duration.ZERO);
    }

    @Test
    void should_prefer_retry_after_ms() {
        assertThat(UpstreamErrors.retryAfter(headers("retry-after-ms", "1500", "retry-after", "9")))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(UpstreamErrors.retryAfter(headers("retry-after-ms", "20.7"))).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void should_read_fractional_seconds() {
        assertThat(UpstreamErrors.retryAfter(headers("Retry-After", "1.25"))).isEqualTo(Duration.ofMillis(1250));
    }

    @Test
    void should_ignore_an_unreadable_or_absent_retry_after() {
        assertThat(UpstreamErrors.retryAfter(headers("Retry-After", "soon"))).isNull();
        assertThat(UpstreamErrors.retryAfter(headers("Retry-After", ""))).isNull();
        assertThat(UpstreamErrors.retryAfter(headers("retry-after-ms", "abc"))).isNull();
        assertThat(UpstreamErrors.retryAfter(headers())).isNull();
        assertThat(UpstreamErrors.retryAfter(null)).isNull();
    }

    @Test
    void should_scrub_urls() {
        assertThat(UpstreamErrors.scrub("see https://internal.corp.example/path?key=1 and http://10.0.0.1:8080/x for details"))
                .isEqualTo("see [url] and [url] for details");
    }

    @Test
    void should_scrub_host_names() {
        assertThat(UpstreamErrors.scrub("cannot reach contoso.openai.azure.com or api.deepseek.com:443 now"))
                .isEqualTo("cannot reach [host] or [host] now");
        assertThat(UpstreamErrors.scrub("resource gw-7.svc.internal failed")).isEqualTo("resource [host] failed");
    }

    @Test
    void should_scrub_ip_addresses() {
        assertThat(UpstreamErrors.scrub("upstream 192.168.12.5:11434 refused; retry 10.0.0.1"))
                .isEqualTo("upstream [address] refused; retry [address]");
    }

    @Test
    void should_scrub_key_like_strings() {
        assertThat(UpstreamErrors.scrub("Incorrect API key provided: sk-proj-abcDEF123456*********xyz9."))
                .isEqualTo("Incorrect API key provided: [redacted].");
        assertThat(UpstreamErrors.scrub("token 0123456789abcdef0123456789abcdef is invalid"))
                .isEqualTo("token [redacted] is invalid");
        assertThat(UpstreamErrors.scrub("key_live_12345678 expired")).isEqualTo("[redacted] expired");
    }

    @Test
    void should_leave_ordinary_messages_alone() {
        String m = "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.";

        assertThat(UpstreamErrors.scrub(m)).isEqualTo(m);
    }

    @Test
    void should_cap_the_length() {
        String s = UpstreamErrors.scrub("word ".repeat(300));

        assertThat(s).hasSize(503).endsWith("...");
        assertThat(UpstreamErrors.scrub("x".repeat(20))).hasSize(20);
    }

    @Test
    void should_scrub_the_providers_message_before_it_reaches_the_client() {
        GatewayException e = map(500, headers(), Buffer.buffer(
                "{\"error\":{\"message\":\"node 10.2.3.4 at https://backend.example.com failed, key sk-live-abcdef123456\"}}"));

        assertThat(e.getMessage()).isEqualTo("the provider failed with status 500: node [address] at [url] failed, key [redacted]");
    }
}
