package dev.gatehouse.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.SseParser;
import dev.gatehouse.providers.StreamTranslator;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.gatehouse.providers.anthropic.AnthropicFixtures.MODEL;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.adapter;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.json;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.parse;
import static dev.gatehouse.providers.anthropic.AnthropicFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnthropicStreamTranslationTest {

    /** What a translator produced from a recorded stream, fed through the gateway's SSE parser. */
    private record Replay(List<ObjectNode> chunks, boolean ended) {}

    private static Replay replay(String sse, int splitEvery) {
        StreamTranslator translator = adapter().newStreamTranslator(MODEL);
        List<ObjectNode> chunks = new ArrayList<>();
        boolean[] ended = {false};
        SseParser parser = new SseParser((event, data) -> ended[0] |= translator.onEvent(event, data, chunks::add), 1 << 20);
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        // Network buffers split events anywhere; feeding small slices proves nothing depends on framing.
        for (int i = 0; i < bytes.length; i += splitEvery) {
            parser.feed(Buffer.buffer(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + splitEvery))));
        }
        parser.end();
        return new Replay(chunks, ended[0]);
    }

    private static void assertStream(String name) throws Exception {
        Replay replay = replay(text("streams/" + name + ".sse"), 7);
        ArrayNode actual = Json.MAPPER.createArrayNode().addAll(replay.chunks());
        // compared as written on the wire, where a long and an int of the same value are one number
        assertThat(parse(actual.toString())).isEqualTo(json("streams/" + name + ".chunks.json"));
        assertThat(replay.ended()).as("message_stop ends the stream").isTrue();
        for (ObjectNode chunk : replay.chunks()) {
            ObjectMappers.jsonMapper().readValue(chunk.toString(), ChatCompletionChunk.class).validate();
        }
    }

    @Test
    void should_stream_text_then_finish_reason_then_usage() throws Exception {
        assertStream("text");
    }

    @Test
    void should_stream_thinking_as_reasoning_and_tool_use_as_indexed_tool_call_deltas() throws Exception {
        assertStream("thinking_and_tool_use");
    }

    @Test
    void should_stream_the_json_mode_tool_input_as_content() throws Exception {
        assertStream("json_response");
    }

    @Test
    void should_fail_with_an_upstream_error_when_anthropic_reports_overload_mid_stream() {
        List<JsonNode> before = new ArrayList<>();
        StreamTranslator translator = adapter().newStreamTranslator(MODEL);
        SseParser parser = new SseParser((event, data) -> translator.onEvent(event, data, before::add), 1 << 20);
        assertThatThrownBy(() -> parser.feed(Buffer.buffer(text("streams/overloaded_error.sse"))))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.getMessage()).isEqualTo("the provider failed mid-stream: overloaded_error: Overloaded");
                });
        assertThat(before).extracting(c -> c.at("/choices/0/delta/content").asText()).containsExactly("", "Once upon");
    }

    @Test
    void should_report_a_rate_limit_error_event_as_upstream_rate_limited_with_a_scrubbed_message() {
        StreamTranslator translator = adapter().newStreamTranslator(MODEL);
        String data = """
                {"type":"error","error":{"type":"rate_limit_error","message":"Too many requests for key sk-ant-api03-abcdefghijkl at https://api.anthropic.com/v1/messages"}}""";
        assertThatThrownBy(() -> translator.onEvent("error", data, c -> { }))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
                    assertThat(e.getMessage()).doesNotContain("sk-ant", "anthropic.com")
                            .contains("rate_limit_error: Too many requests for key [redacted] at [url]");
                });
    }

    @Test
    void should_report_an_unreadable_event_as_a_bad_upstream_response() {
        StreamTranslator translator = adapter().newStreamTranslator(MODEL);
        assertThatThrownBy(() -> translator.onEvent("content_block_delta", "{\"type\":", c -> { }))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void should_ignore_events_after_message_stop_and_unknown_event_types() {
        StreamTranslator translator = adapter().newStreamTranslator(MODEL);
        List<ObjectNode> chunks = new ArrayList<>();
        assertThat(translator.onEvent("some_future_event", "{\"type\":\"some_future_event\"}", chunks::add)).isFalse();
        assertThat(translator.onEvent("message_stop", "{\"type\":\"message_stop\"}", chunks::add)).isTrue();
        assertThat(translator.onEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}", chunks::add)).isTrue();
        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().get("choices")).isEmpty();
    }
}
