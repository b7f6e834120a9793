package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.SseParser;
import dev.gatehouse.providers.StreamTranslator;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.gatehouse.providers.tencent.TencentTestKit.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TencentStreamTest {
    private final TencentAdapter adapter = adapter("http://127.0.0.1:18080");

    /** Runs a recorded SSE stream through the real parser and a fresh translator, as the relay does. */
    private record Run(List<ObjectNode> chunks, List<Boolean> ends) {
    }

    private Run run(String sse, String model) {
        StreamTranslator t = adapter.newStreamTranslator(model);
        List<ObjectNode> chunks = new ArrayList<>();
        List<Boolean> ends = new ArrayList<>();
        SseParser parser = new SseParser((event, data) -> ends.add(t.onEvent(event, data, chunks::add)), 1 << 20);
        parser.feed(Buffer.buffer(sse));
        parser.end();
        return new Run(chunks, ends);
    }

    private static List<JsonNode> expected(String name) {
        return text(name).lines().filter(l -> !l.isBlank()).map(TencentTestKit::parse).toList();
    }

    /** As the client will read them: serialised and parsed again (Jackson's equality is type-exact for numbers). */
    private static List<JsonNode> reparsed(List<ObjectNode> chunks) {
        return chunks.stream().map(c -> TencentTestKit.parse(c.toString())).toList();
    }

    @Test
    void should_translate_a_text_stream_into_chunks_then_a_usage_only_chunk() throws Exception {
        Run r = run(text("chat-stream.sse"), "hunyuan-turbos-latest");

        assertThat(reparsed(r.chunks())).containsExactlyElementsOf(expected("chat-stream.openai.jsonl"));
        assertThat(r.ends()).containsExactly(false, false, true);
        for (ObjectNode chunk : r.chunks()) assertValidChunk(chunk);
    }

    @Test
    void should_translate_streamed_tool_calls() throws Exception {
        Run r = run(text("chat-stream-tool-calls.sse"), "hunyuan-functioncall");

        assertThat(reparsed(r.chunks())).containsExactlyElementsOf(expected("chat-stream-tool-calls.openai.jsonl"));
        assertThat(r.ends()).containsExactly(false, true);
        for (ObjectNode chunk : r.chunks()) assertValidChunk(chunk);
    }

    @Test
    void should_survive_events_split_at_arbitrary_bytes() {
        String sse = text("chat-stream.sse");
        StreamTranslator t = adapter.newStreamTranslator("hunyuan-turbos-latest");
        List<ObjectNode> chunks = new ArrayList<>();
        SseParser parser = new SseParser((event, data) -> t.onEvent(event, data, chunks::add), 1 << 20);
        byte[] bytes = sse.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 7) {
            parser.feed(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 7))));
        }

        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(2).at("/choices/0/delta/content").asText()).isEqualTo(" 4.");
    }

    @Test
    void should_throw_when_a_stream_event_carries_a_tencent_error() {
        StreamTranslator t = adapter.newStreamTranslator("hunyuan-lite");
        List<ObjectNode> chunks = new ArrayList<>();
        t.onEvent(null, "{\"Choices\":[{\"Delta\":{\"Role\":\"assistant\",\"Content\":\"Hi\"},\"FinishReason\":\"\"}],\"Id\":\"s\",\"Created\":1}", chunks::add);

        assertThatThrownBy(() -> t.onEvent(null,
                "{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"slow down\"},\"RequestId\":\"r\"}}", chunks::add))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED));
        assertThatThrownBy(() -> t.onEvent(null, "{\"ErrorMsg\":{\"Code\":2001,\"Msg\":\"moderation service failed\"}}", chunks::add))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.getMessage()).contains("2001").contains("moderation service failed");
                });
        assertThat(chunks).hasSize(1);
    }

    @Test
    void should_call_an_unreadable_event_a_bad_response() {
        StreamTranslator t = adapter.newStreamTranslator("hunyuan-lite");

        assertThatThrownBy(() -> t.onEvent(null, "{not json", c -> { }))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void should_end_on_a_moderation_stop_with_content_filter() {
        StreamTranslator t = adapter.newStreamTranslator("hunyuan-lite");
        List<ObjectNode> chunks = new ArrayList<>();

        boolean ended = t.onEvent(null, "{\"Choices\":[{\"Delta\":{\"Role\":\"assistant\",\"Content\":\"\"},\"FinishReason\":\"sensitive\"}],"
                + "\"Id\":\"s\",\"Created\":5,\"Usage\":{\"PromptTokens\":3,\"CompletionTokens\":0,\"TotalTokens\":3}}", chunks::add);

        assertThat(ended).isTrue();
        assertThat(chunks.get(0).at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.get(1).get("usage").get("prompt_tokens").asLong()).isEqualTo(3);
    }
}
