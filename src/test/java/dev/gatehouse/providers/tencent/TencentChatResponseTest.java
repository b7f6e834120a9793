package dev.gatehouse.providers.tencent;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.TranslatedResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gatehouse.providers.tencent.TencentTestKit.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TencentChatResponseTest {
    private final TencentAdapter adapter = adapter("http://127.0.0.1:18080");

    @Test
    void should_translate_a_hunyuan_response_into_a_valid_chat_completion() throws Exception {
        TranslatedResponse r = adapter.fromUpstream(Operation.CHAT, buffer("chat-response.hunyuan.json"), "hunyuan-turbos-latest", null);

        assertThat(parse(r.body())).isEqualTo(json("chat-response.openai.json"));
        assertValidChatCompletion(parse(r.body()));
        assertThat(r.usage()).isEqualTo(new Usage(12, 7, 0, true));
    }

    @Test
    void should_map_hunyuan_tool_calls_to_openai_tool_calls() throws Exception {
        TranslatedResponse r = adapter.fromUpstream(Operation.CHAT, buffer("chat-response-tool-calls.hunyuan.json"), "hunyuan-functioncall", null);

        assertThat(parse(r.body())).isEqualTo(json("chat-response-tool-calls.openai.json"));
        assertValidChatCompletion(parse(r.body()));
    }

    @Test
    void should_report_a_moderation_stop_as_content_filter() {
        String body = """
                {"Response":{"Id":"x","Created":1,"Choices":[{"Message":{"Role":"assistant","Content":"..."},"FinishReason":"sensitive"}],
                 "Usage":{"PromptTokens":1,"CompletionTokens":1,"TotalTokens":2},"RequestId":"r"}}""";

        TranslatedResponse r = adapter.fromUpstream(Operation.CHAT, Buffer.buffer(body), "hunyuan-lite", null);

        assertThat(parse(r.body()).at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
    }

    @Test
    void should_keep_hunyuan_t1_reasoning_as_reasoning_content() {
        String body = """
                {"Response":{"Id":"x","Created":1,"Choices":[{"Message":{"Role":"assistant","Content":"42","ReasoningContent":"6 times 7"},"FinishReason":"stop"}],
                 "Usage":{"PromptTokens":1,"CompletionTokens":1,"TotalTokens":2},"RequestId":"r"}}""";

        TranslatedResponse r = adapter.fromUpstream(Operation.CHAT, Buffer.buffer(body), "hunyuan-t1-latest", null);

        assertThat(parse(r.body()).at("/choices/0/message/reasoning_content").asText()).isEqualTo("6 times 7");
        assertThat(parse(r.body()).at("/choices/0/message/content").asText()).isEqualTo("42");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "AuthFailure.SignatureFailure,     UPSTREAM_AUTH_FAILED",
            "AuthFailure.SignatureExpire,      UPSTREAM_AUTH_FAILED",
            "AuthFailure.SecretIdNotFound,     UPSTREAM_AUTH_FAILED",
            "UnauthorizedOperation,            UPSTREAM_AUTH_FAILED",
            "RequestLimitExceeded,             UPSTREAM_RATE_LIMITED",
            "LimitExceeded,                    UPSTREAM_RATE_LIMITED",
            "InvalidParameter,                 UPSTREAM_BAD_REQUEST",
            "InvalidParameterValue.Model,      UPSTREAM_BAD_REQUEST",
            "MissingParameter,                 UPSTREAM_BAD_REQUEST",
            "UnknownParameter,                 UPSTREAM_BAD_REQUEST",
            "InternalError,                    UPSTREAM_ERROR",
            "FailedOperation.EngineServerError, UPSTREAM_ERROR",
            "ResourceUnavailable.NotExist,     UPSTREAM_ERROR",
    })
    void should_map_an_error_inside_a_200_body_by_its_tencent_code(String code, ErrorCode expected) {
        Buffer body = Buffer.buffer("{\"Response\":{\"Error\":{\"Code\":\"" + code
                + "\",\"Message\":\"failed at https://hunyuan.tencentcloudapi.com for key AKIDabcdefghijklmnopqrstuvwxyz0123456\"},"
                + "\"RequestId\":\"r-1\"}}");

        for (Operation op : Operation.values()) {
            assertThatThrownBy(() -> adapter.fromUpstream(op, body, "hunyuan-lite", null))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.code()).isEqualTo(expected);
                        assertThat(e.getMessage()).contains(code)
                                .doesNotContain("tencentcloudapi.com").doesNotContain("AKIDabcdefghijklmnopqrstuvwxyz0123456");
                    });
        }
    }

    @Test
    void should_keep_the_scrubbed_upstream_message_for_bad_requests() {
        Buffer body = Buffer.buffer("""
                {"Response":{"Error":{"Code":"InvalidParameterValue","Message":"Messages must alternate user and assistant"},"RequestId":"r"}}""");

        assertThatThrownBy(() -> adapter.fromUpstream(Operation.CHAT, body, "hunyuan-lite", null))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("the provider rejected the request (InvalidParameterValue): Messages must alternate user and assistant"));
    }

    @Test
    void should_call_a_body_that_is_not_json_a_bad_response() {
        assertThatThrownBy(() -> adapter.fromUpstream(Operation.CHAT, Buffer.buffer("<html>502</html>"), "hunyuan-lite", null))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
        assertThatThrownBy(() -> adapter.fromUpstream(Operation.CHAT, Buffer.buffer("{\"Choices\":[]}"), "hunyuan-lite", null))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void should_map_non_2xx_statuses_and_read_tencents_message() {
        Buffer body = Buffer.buffer("""
                {"Response":{"Error":{"Code":"InvalidParameter","Message":"bad Messages"},"RequestId":"r"}}""");

        GatewayException bad = adapter.mapError(400, MultiMap.caseInsensitiveMultiMap(), body);
        GatewayException limited = adapter.mapError(429, MultiMap.caseInsensitiveMultiMap().add("Retry-After", "3"), body);
        GatewayException down = adapter.mapError(503, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer("oops"));

        assertThat(bad.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_REQUEST);
        assertThat(bad.getMessage()).endsWith("InvalidParameter: bad Messages");
        assertThat(limited.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(limited.retryAfter()).hasSeconds(3);
        assertThat(down.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    }
}
