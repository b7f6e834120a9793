package dev.gatehouse.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Usage;
import dev.gatehouse.providers.ProviderAdapter;
import dev.gatehouse.providers.ProviderConfigs;
import dev.gatehouse.providers.StreamTranslator;
import dev.gatehouse.providers.TranslatedResponse;
import dev.gatehouse.providers.UpstreamRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiCompatibleAdapterTest {
    private static final String KEY = "sk-test-0123456789";

    private static ProviderAdapter adapter(String type) {
        return ProviderConfigs.of(type).apiKey(KEY).create("p").adapter();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode body(UpstreamRequest r) {
        try {
            return Json.MAPPER.readTree(r.body().getBytes());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static UpstreamRequest chat(String type, String request, boolean stream) {
        return adapter(type).toUpstream(Operation.CHAT, json(request), "upstream-model", stream);
    }

    private static GatewayException error(Runnable r) {
        try {
            r.run();
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("expected a GatewayException");
    }

    // --- toUpstream ---

    @Test
    void should_post_to_the_preset_url_with_the_upstream_model_and_keep_unknown_fields() {
        UpstreamRequest r = chat("openai", """
                {"model":"client-alias","messages":[{"role":"user","content":"hi"}],"temperature":0.2,
                 "vendor_extension":{"nested":[1,2]},"seed":7}""", false);

        assertThat(r.method()).isEqualTo(HttpMethod.POST);
        assertThat(r.uri()).isEqualTo("https://api.openai.com/v1/chat/completions");
        assertThat(body(r)).isEqualTo(json("""
                {"model":"upstream-model","messages":[{"role":"user","content":"hi"}],"temperature":0.2,
                 "vendor_extension":{"nested":[1,2]},"seed":7}"""));
    }

    @Test
    void should_send_embeddings_to_the_embeddings_path() {
        UpstreamRequest r = adapter("qwen").toUpstream(Operation.EMBEDDINGS, json("{\"model\":\"m\",\"input\":\"x\"}"),
                "text-embedding-v3", false);

        assertThat(r.uri()).isEqualTo("https://dashscope.aliyuncs.com/compatible-mode/v1/embeddings");
        assertThat(body(r).get("model").asText()).isEqualTo("text-embedding-v3");
    }

    @Test
    void should_use_a_configured_base_url_without_its_trailing_slashes() {
        UpstreamRequest r = ProviderConfigs.of("deepseek").apiKey(KEY).baseUrl(" http://127.0.0.1:4010/v1// ").create("p")
                .adapter().toUpstream(Operation.CHAT, json("{\"messages\":[]}"), "deepseek-chat", false);

        assertThat(r.uri()).isEqualTo("http://127.0.0.1:4010/v1/chat/completions");
    }

    @Test
    void should_ask_for_stream_usage_where_the_preset_supports_it() {
        UpstreamRequest r = chat("openai", "{\"model\":\"m\",\"messages\":[],\"stream\":true}", true);

        assertThat(body(r).get("stream_options")).isEqualTo(json("{\"include_usage\":true}"));
    }

    @Test
    void should_turn_on_include_usage_but_keep_the_other_stream_options() {
        UpstreamRequest r = chat("openai",
                "{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":false,\"include_obfuscation\":false}}",
                true);

        assertThat(body(r).get("stream_options")).isEqualTo(json("{\"include_usage\":true,\"include_obfuscation\":false}"));
    }

    @Test
    void should_not_add_stream_options_to_a_request_that_does_not_stream() {
        UpstreamRequest r = chat("openai", "{\"model\":\"m\",\"messages\":[]}", false);

        assertThat(body(r).has("stream_options")).isFalse();
    }

    @Test
    void should_remove_stream_options_where_the_preset_does_not_support_them() {
        String request = "{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":true}}";

        assertThat(body(chat("moonshot", request, true)).has("stream_options")).isFalse();
        assertThat(body(chat("hunyuan", request, false)).has("stream_options")).isFalse();
        assertThat(body(chat("moonshot", request, true)).get("stream").asBoolean()).isTrue();
    }

    @Test
    void should_let_the_config_override_the_presets_stream_usage() {
        UpstreamRequest on = ProviderConfigs.of("moonshot").apiKey(KEY).streamUsage(true).create("p").adapter()
                .toUpstream(Operation.CHAT, json("{\"messages\":[],\"stream\":true}"), "kimi", true);
        UpstreamRequest off = ProviderConfigs.of("openai").apiKey(KEY).streamUsage(false).create("p").adapter()
                .toUpstream(Operation.CHAT, json("{\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":true}}"),
                        "gpt-4o", true);

        assertThat(body(on).path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body(off).has("stream_options")).isFalse();
    }

    @Test
    void should_rename_max_completion_tokens_where_the_preset_knows_only_max_tokens() {
        JsonNode deepseek = body(chat("deepseek", "{\"messages\":[],\"max_completion_tokens\":64}", false));
        JsonNode openai = body(chat("openai", "{\"messages\":[],\"max_completion_tokens\":64}", false));

        assertThat(deepseek.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(deepseek.has("max_completion_tokens")).isFalse();
        assertThat(openai.get("max_completion_tokens").asInt()).isEqualTo(64);
        assertThat(openai.has("max_tokens")).isFalse();
    }

    @Test
    void should_not_overwrite_max_tokens_when_both_fields_are_given() {
        JsonNode deepseek = body(chat("deepseek", "{\"messages\":[],\"max_tokens\":10,\"max_completion_tokens\":64}", false));

        assertThat(deepseek.get("max_tokens").asInt()).isEqualTo(10);
    }

    @Test
    void should_authenticate_with_a_bearer_key_and_send_json() {
        UpstreamRequest r = chat("deepseek", "{\"messages\":[]}", false);

        assertThat(r.headers().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        assertThat(r.headers().contains("api-key")).isFalse();
    }

    @Test
    void should_send_no_authorization_to_ollama_even_with_a_key() {
        UpstreamRequest r = chat("ollama", "{\"messages\":[]}", false);

        assertThat(r.headers().contains("authorization")).isFalse();
        assertThat(r.uri()).isEqualTo("http://127.0.0.1:11434/v1/chat/completions");
    }

    @Test
    void should_send_no_authorization_to_a_keyless_vllm() {
        UpstreamRequest r = ProviderConfigs.of("vllm").create("v").adapter()
                .toUpstream(Operation.CHAT, json("{\"messages\":[]}"), "m", false);

        assertThat(r.headers().contains("authorization")).isFalse();
    }

    @Test
    void should_add_the_configured_extra_headers() {
        UpstreamRequest r = ProviderConfigs.of("openai").apiKey(KEY)
                .headers(Map.of("OpenAI-Organization", "org-1", "OpenAI-Project", "proj-2")).create("p").adapter()
                .toUpstream(Operation.CHAT, json("{\"messages\":[]}"), "gpt-4o", false);

        assertThat(r.headers().get("openai-organization")).isEqualTo("org-1");
        assertThat(r.headers().get("OpenAI-Project")).isEqualTo("proj-2");
        assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void should_share_read_only_headers_that_no_request_can_change_for_the_next() {
        ProviderAdapter a = adapter("openai");
        UpstreamRequest first = a.toUpstream(Operation.CHAT, json("{\"messages\":[]}"), "m", false);

        assertThatThrownBy(() -> first.headers().set("x-request-id", "one")).isInstanceOf(IllegalStateException.class);
        UpstreamRequest second = a.toUpstream(Operation.CHAT, json("{\"messages\":[]}"), "m", false);

        assertThat(second.headers().contains("x-request-id")).isFalse();
        assertThat(second.headers().get("authorization")).isEqualTo("Bearer " + KEY);
    }

    // --- fromUpstream ---

    @Test
    void should_pass_the_body_through_byte_for_byte_and_read_its_usage() {
        String raw = "{ \"id\" : \"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"caf\\u00e9 \u4f60\u597d\"},\"finish_reason\":\"stop\"}],\n"
                + "  \"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":5}},\"system_fingerprint\":null }";
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);

        TranslatedResponse r = adapter("openai").fromUpstream(Operation.CHAT, Buffer.buffer(bytes), "gpt-4o", null);

        assertThat(r.body().getBytes()).isEqualTo(bytes);
        assertThat(r.usage()).isEqualTo(new Usage(11, 7, 5, true));
    }

    @Test
    void should_report_no_usage_when_the_body_has_none() {
        TranslatedResponse r = adapter("openai").fromUpstream(Operation.EMBEDDINGS,
                Buffer.buffer("{\"object\":\"list\",\"data\":[{\"embedding\":[0.1,0.2]}],\"usage\":null}"), "m", null);

        assertThat(r.usage()).isNull();
    }

    @Test
    void should_reject_a_body_that_is_not_a_json_object() {
        ProviderAdapter a = adapter("openai");

        for (String bad : List.of("", "<html>502 Bad Gateway</html>", "[1,2]", "\"text\"", "{\"id\":\"x\",\"choices\":[",
                "{\"id\":\"x\"} trailing", "{\"id\":\"x\"}{\"id\":\"y\"}")) {
            GatewayException e = error(() -> a.fromUpstream(Operation.CHAT, Buffer.buffer(bad), "m", null));

            assertThat(e.code()).as(bad).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
        }
    }

    @Test
    void should_map_an_error_object_in_a_successful_body() {
        GatewayException e = error(() -> adapter("spark").fromUpstream(Operation.CHAT, Buffer.buffer(
                "{\"error\":{\"message\":\"quota exceeded, see https://console.example.com/billing\",\"code\":\"10013\"}}"), "m", null));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(e.getMessage()).isEqualTo("the provider reported an error: quota exceeded, see [url]");
    }

    // --- stream translator ---

    private final List<ObjectNode> out = new ArrayList<>();

    private StreamTranslator translator() { return adapter("openai").newStreamTranslator("gpt-4o"); }

    @Test
    void should_end_the_stream_on_done() {
        assertThat(translator().onEvent(null, "[DONE]", out::add)).isTrue();
        assertThat(translator().onEvent(null, " [DONE]\n", out::add)).isTrue();
        assertThat(out).isEmpty();
    }

    @Test
    void should_pass_each_chunk_on_unchanged() {
        String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],\"x_vendor\":1}";

        boolean done = translator().onEvent(null, chunk, out::add);

        assertThat(done).isFalse();
        assertThat(out).containsExactly(json(chunk));
    }

    @Test
    void should_reject_a_chunk_that_is_not_a_json_object() {
        for (String bad : List.of("not json", "[1]", "{\"a\":")) {
            GatewayException e = error(() -> translator().onEvent(null, bad, out::add));

            assertThat(e.code()).as(bad).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
        }
        assertThat(out).isEmpty();
    }

    @Test
    void should_map_a_rate_limit_error_event_to_upstream_rate_limited() {
        GatewayException byCode = error(() -> translator().onEvent(null,
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}", out::add));
        GatewayException byType = error(() -> translator().onEvent("error",
                "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}", out::add));
        GatewayException byNumber = error(() -> translator().onEvent(null,
                "{\"error\":{\"message\":\"busy\",\"code\":429}}", out::add));

        assertThat(byCode.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(byType.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(byNumber.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(out).isEmpty();
    }

    @Test
    void should_map_any_other_error_event_to_upstream_error_with_a_scrubbed_message() {
        GatewayException e = error(() -> translator().onEvent(null,
                "{\"error\":{\"message\":\"backend 10.0.3.7:8000 crashed\",\"type\":\"server_error\"}}", out::add));
        GatewayException text = error(() -> translator().onEvent(null, "{\"error\":\"overloaded\"}", out::add));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(e.getMessage()).isEqualTo("the provider reported an error mid-stream: backend [address] crashed");
        assertThat(text.getMessage()).isEqualTo("the provider reported an error mid-stream: overloaded");
    }

    @Test
    void should_pass_a_chunk_whose_error_field_is_null() {
        assertThat(translator().onEvent(null, "{\"id\":\"c\",\"choices\":[],\"error\":null}", out::add)).isFalse();
        assertThat(out).hasSize(1);
    }
}
