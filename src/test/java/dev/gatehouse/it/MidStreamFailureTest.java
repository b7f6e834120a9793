package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.gatehouse.simulator.Fault;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.OpenAiSpec;
import dev.gatehouse.testkit.Requests;
import dev.gatehouse.testkit.SseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Streams that break. Before the first byte reached the client the gateway may still fail over;
 * after it, the stream ends with one OpenAI-shaped {@code data: {"error":...}} event and no
 * {@code [DONE]}, and no other deployment is tried (route {@code two-step}).
 */
class MidStreamFailureTest {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withConfig("it/faults.yaml");

    private static final String STREAM = GatewayHarness.streamedChat("two-step", "Hello there", false);

    @Test
    void should_end_the_stream_with_one_error_event_and_no_done_when_the_upstream_resets_mid_stream() {
        gw.simulator().addFault(Fault.of(Fault.Kind.RESET_MID_STREAM).forModel("first-choice").afterChunks(3));

        SseResult sse = gw.stream(STREAM);

        assertBrokeAfterCommit(sse, "upstream_bad_response");
        assertThat(gw.callsFor("second-choice")).as("no failover after the first byte").isEmpty();
    }

    @Test
    void should_raise_the_gateways_error_in_the_sdk_when_the_upstream_resets_mid_stream() {
        gw.simulator().addFault(Fault.of(Fault.Kind.RESET_MID_STREAM).forModel("first-choice").afterChunks(3));
        List<ChatCompletionChunk> received = new ArrayList<>();

        Throwable thrown;
        try (StreamResponse<ChatCompletionChunk> stream = gw.openAi().chat().completions()
                .createStreaming(Requests.chat("two-step").build())) {
            thrown = catchThrowable(() -> stream.stream().forEach(received::add));
        }

        assertThat(received).as("the chunks before the break arrived").isNotEmpty();
        assertThat(thrown).isInstanceOf(OpenAIServiceException.class);
        OpenAIServiceException e = (OpenAIServiceException) thrown;
        assertThat(e.code()).hasValue("upstream_bad_response");
        assertThat(e.getMessage()).contains("primary");
        assertThat(gw.callsFor("second-choice")).isEmpty();
    }

    @Test
    void should_fail_over_when_a_malformed_chunk_arrives_before_anything_was_sent() {
        gw.simulator().addFault(Fault.of(Fault.Kind.MALFORMED_CHUNK).forModel("first-choice").afterChunks(0));

        SseResult sse = gw.stream(STREAM);

        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.endsWithDone()).as(sse.raw()).isTrue();
        assertThat(sse.events()).noneMatch(e -> e.has("error"));
        assertThat(gw.callsFor("first-choice")).hasSize(1);
        assertThat(gw.callsFor("second-choice")).hasSize(1);
    }

    @Test
    void should_end_with_an_error_event_when_a_malformed_chunk_arrives_after_bytes_were_sent() {
        gw.simulator().addFault(Fault.of(Fault.Kind.MALFORMED_CHUNK).forModel("first-choice").afterChunks(3));

        SseResult sse = gw.stream(STREAM);

        assertBrokeAfterCommit(sse, "upstream_bad_response");
        assertThat(gw.callsFor("second-choice")).isEmpty();
    }

    @Test
    void should_end_with_a_timeout_error_event_when_the_upstream_falls_silent_between_chunks() {
        gw.simulator().addFault(Fault.of(Fault.Kind.SLOW_CHUNKS).forModel("first-choice").delayMs(1500));

        SseResult sse = gw.stream(STREAM);

        assertBrokeAfterCommit(sse, "upstream_timeout");
        assertThat(gw.callsFor("second-choice")).isEmpty();
    }

    private static void assertBrokeAfterCommit(SseResult sse, String code) {
        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.doneCount()).as(sse.raw()).isZero();
        List<JsonNode> events = sse.events();
        assertThat(events.size()).as("some chunks, then the error").isGreaterThan(1);
        JsonNode last = events.get(events.size() - 1);
        OpenAiSpec.assertValid("ErrorResponse", last);
        assertThat(last.path("error").path("code").asText()).isEqualTo(code);
        List<JsonNode> chunks = events.subList(0, events.size() - 1);
        assertThat(chunks).noneMatch(e -> e.has("error"));
        chunks.forEach(c -> OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", c));
        assertThat(chunks.stream().map(c -> c.path("id").asText()).distinct()).hasSize(1);
    }
}
