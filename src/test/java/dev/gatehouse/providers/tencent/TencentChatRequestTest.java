package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import dev.gatehouse.providers.UpstreamRequest;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gatehouse.providers.tencent.TencentTestKit.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TencentChatRequestTest {
    private final TencentAdapter adapter = adapter("http://127.0.0.1:18080");

    @Test
    void should_translate_a_plain_chat_request_into_pascal_case_hunyuan() {
        UpstreamRequest up = adapter.toUpstream(Operation.CHAT, object("chat-request-basic.openai.json"), "hunyuan-turbos-latest", true);

        assertThat(parse(up.body())).isEqualTo(json("chat-request-basic.hunyuan.json"));
    }

    @Test
    void should_post_to_the_root_with_signed_tencent_headers() {
        UpstreamRequest up = adapter.toUpstream(Operation.CHAT, object("chat-request-basic.openai.json"), "hunyuan-turbos-latest", false);

        assertThat(up.method()).isEqualTo(HttpMethod.POST);
        assertThat(up.uri()).isEqualTo("http://127.0.0.1:18080/");
        assertThat(up.headers().get("Host")).isEqualTo("127.0.0.1:18080");
        assertThat(up.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(up.headers().get("X-TC-Action")).isEqualTo("ChatCompletions");
        assertThat(up.headers().get("X-TC-Version")).isEqualTo("2023-09-01");
        assertThat(up.headers().get("X-TC-Timestamp")).isEqualTo("1716359700");
        assertThat(up.headers().get("X-TC-Region")).isEqualTo("ap-guangzhou");
        // the signature covers exactly the bytes sent, the host sent and the action sent
        Tc3Signer independent = new Tc3Signer(SECRET_ID, SECRET_KEY, "hunyuan", CLOCK,
                Tc3Signer.SignedHeaders.CONTENT_TYPE_HOST_AND_ACTION);
        assertThat(up.headers().get("Authorization"))
                .startsWith("TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/2024-05-22/hunyuan/tc3_request, "
                        + "SignedHeaders=content-type;host;x-tc-action, Signature=")
                .isEqualTo(independent.sign("127.0.0.1:18080", "ChatCompletions", up.body().getBytes()).authorization());
    }

    @Test
    void should_map_tools_tool_choice_tool_calls_and_tool_results() {
        UpstreamRequest up = adapter.toUpstream(Operation.CHAT, object("chat-request-tools.openai.json"), "hunyuan-functioncall", false);

        assertThat(parse(up.body())).isEqualTo(json("chat-request-tools.hunyuan.json"));
    }

    @Test
    void should_map_image_parts_to_hunyuan_contents() {
        UpstreamRequest up = adapter.toUpstream(Operation.CHAT, object("chat-request-vision.openai.json"), "hunyuan-vision", false);

        assertThat(parse(up.body())).isEqualTo(json("chat-request-vision.hunyuan.json"));
    }

    @Test
    void should_force_the_only_tool_when_tool_choice_is_required() {
        ObjectNode request = object("chat-request-tools.openai.json");
        ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("tools")).remove(1);
        request.put("tool_choice", "required");

        var body = parse(adapter.toUpstream(Operation.CHAT, request, "hunyuan-functioncall", false).body());

        assertThat(body.get("ToolChoice").asText()).isEqualTo("custom");
        assertThat(body.get("CustomTool").get("Function").get("Name").asText()).isEqualTo("get_weather");
    }

    @Test
    void should_pass_auto_and_none_tool_choice_through() {
        ObjectNode request = object("chat-request-tools.openai.json");
        request.put("tool_choice", "none");

        var body = parse(adapter.toUpstream(Operation.CHAT, request, "hunyuan-functioncall", false).body());

        assertThat(body.get("ToolChoice").asText()).isEqualTo("none");
        assertThat(body.has("CustomTool")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stop sequences      | {\"stop\":[\"END\"]}                                           | stop",
            "several choices     | {\"n\":2}                                                      | n",
            "logprobs            | {\"logprobs\":true}                                            | logprobs",
            "json mode           | {\"response_format\":{\"type\":\"json_object\"}}               | response_format",
            "required, two tools | {\"tool_choice\":\"required\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}},{\"type\":\"function\",\"function\":{\"name\":\"b\"}}]} | tool_choice",
            "unknown tool named  | {\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"x\"}},\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}}]} | tool_choice",
    })
    void should_reject_options_hunyuan_cannot_honour(String why, String extra, String param) {
        ObjectNode request = object("chat-request-vision.openai.json");
        request.setAll((ObjectNode) parse(extra));

        assertThatThrownBy(() -> adapter.toUpstream(Operation.CHAT, request, "hunyuan-turbos-latest", false))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.param()).isEqualTo(param);
                });
    }

    @Test
    void should_reject_audio_parts_naming_the_part() {
        ObjectNode request = (ObjectNode) parse("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi"},
                 {"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]}""");

        assertThatThrownBy(() -> adapter.toUpstream(Operation.CHAT, request, "hunyuan-vision", false))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.param()).isEqualTo("messages[0].content[1].type");
                });
    }

    @Test
    void should_reject_a_tool_message_without_its_call_id() {
        ObjectNode request = (ObjectNode) parse("""
                {"model":"m","messages":[{"role":"tool","content":"42"}]}""");

        assertThatThrownBy(() -> adapter.toUpstream(Operation.CHAT, request, "hunyuan-functioncall", false))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).isEqualTo("messages[0].tool_call_id"));
    }
}
