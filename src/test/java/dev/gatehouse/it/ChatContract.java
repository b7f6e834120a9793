package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.gatehouse.api.Json;
import dev.gatehouse.simulator.RecordedRequest;
import dev.gatehouse.testkit.GatewayHarness;
import dev.gatehouse.testkit.HttpResult;
import dev.gatehouse.testkit.OpenAiSpec;
import dev.gatehouse.testkit.Requests;
import dev.gatehouse.testkit.SseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.stream.Collectors;

import static dev.gatehouse.testkit.Requests.PROMPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every route of {@code examples/simulated.yaml} must do for an OpenAI client, whatever the
 * dialect behind it: one subclass per route. Requests go through the official OpenAI Java SDK;
 * raw HTTP is used where the bytes themselves matter, and every body and streamed event is checked
 * against OpenAI's OpenAPI description.
 */
abstract class ChatContract {
    @RegisterExtension
    static final GatewayHarness gw = GatewayHarness.withExampleConfig();

    /**
     * A route and what its dialect can honour. A dialect that cannot honour an option must refuse it
     * with a 400 naming the parameter, never drop it silently.
     */
    record Route(String model, boolean openAiStyle, boolean multipleChoices, boolean logprobs, boolean stop,
                 boolean jsonSchema, boolean tools) {
        static Route openAiStyle(String model) { return new Route(model, true, true, true, true, true, true); }
    }

    private final Route route;

    ChatContract(Route route) {
        this.route = route;
    }

    @Test
    void should_answer_a_plain_chat_completion_through_the_sdk() {
        ChatCompletion completion = gw.openAi().chat().completions().create(Requests.chat(route.model()).build());

        assertThat(completion.id()).isNotBlank();
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(
                text -> assertThat(text).startsWith("Simulated reply to: " + PROMPT));
        assertThat(completion.usage()).hasValueSatisfying(u -> {
            assertThat(u.promptTokens()).isPositive();
            assertThat(u.completionTokens()).isPositive();
            assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
        });
    }

    @Test
    void should_answer_with_a_body_that_matches_the_openai_spec_and_carries_a_request_id() {
        HttpResult r = gw.post("/chat/completions", GatewayHarness.chat(route.model(), PROMPT));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("x-request-id")).isNotBlank();
        assertThat(r.header("content-type")).startsWith("application/json");
        OpenAiSpec.assertValid("CreateChatCompletionResponse", r.json());
        assertThat(r.json().path("object").asText()).isEqualTo("chat.completion");
    }

    @Test
    void should_stream_chunks_with_one_id_that_add_up_to_the_plain_reply() {
        String plain = gw.openAi().chat().completions().create(Requests.chat(route.model()).build())
                .choices().get(0).message().content().orElseThrow();

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = gw.openAi().chat().completions().createStreaming(Requests.chat(route.model()).build())) {
            chunks = stream.stream().toList();
        }

        assertThat(chunks).isNotEmpty();
        assertThat(chunks.stream().map(ChatCompletionChunk::id).collect(Collectors.toSet())).hasSize(1);
        String streamed = chunks.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
        assertThat(streamed).isEqualTo(plain);
        List<ChatCompletionChunk.Choice> finishing = chunks.stream().flatMap(c -> c.choices().stream())
                .filter(c -> c.finishReason().isPresent()).toList();
        assertThat(finishing).as("exactly one chunk finishes the choice").hasSize(1);
        assertThat(chunks.get(chunks.size() - 1).choices()).as("the finishing chunk is the last").containsExactly(finishing.get(0));
    }

    @Test
    void should_stream_events_that_match_the_openai_spec_and_end_with_done() {
        SseResult sse = gw.stream(GatewayHarness.streamedChat(route.model(), PROMPT, false));

        assertThat(sse.status()).as(sse.raw()).isEqualTo(200);
        assertThat(sse.contentType()).startsWith("text/event-stream");
        assertThat(sse.endsWithDone()).as(sse.raw()).isTrue();
        assertThat(sse.doneCount()).isEqualTo(1);
        List<JsonNode> events = sse.events();
        assertThat(events).isNotEmpty();
        events.forEach(e -> OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", e));
        assertThat(events).allSatisfy(e -> assertThat(e.path("object").asText()).isEqualTo("chat.completion.chunk"));
    }

    @Test
    void should_end_the_stream_with_exactly_one_usage_chunk_when_the_client_asks_for_usage() {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = gw.openAi().chat().completions().createStreaming(Requests.streamedWithUsage(route.model()))) {
            chunks = stream.stream().toList();
        }
        SseResult sse = gw.stream(GatewayHarness.streamedChat(route.model(), PROMPT, true));

        List<ChatCompletionChunk> withUsage = chunks.stream().filter(c -> c.usage().isPresent()).toList();
        assertThat(withUsage).hasSize(1);
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(withUsage.get(0)).isSameAs(last);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().promptTokens()).isPositive();
        assertThat(last.usage().orElseThrow().completionTokens()).isPositive();

        List<JsonNode> events = sse.events();
        events.forEach(e -> OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", e));
        assertThat(events.stream().filter(e -> hasUsage(e))).hasSize(1);
        JsonNode usageEvent = events.get(events.size() - 1);
        assertThat(usageEvent.path("choices").isArray() && usageEvent.path("choices").isEmpty()).as(usageEvent.toString()).isTrue();
        assertThat(usageEvent.path("usage").path("total_tokens").asLong()).isPositive();
        assertThat(sse.endsWithDone()).isTrue();
    }

    @Test
    void should_send_no_usage_anywhere_when_the_client_does_not_ask_for_it() {
        SseResult sse = gw.stream(GatewayHarness.streamedChat(route.model(), PROMPT, false));

        assertThat(sse.endsWithDone()).isTrue();
        // not even OpenAI's "usage": null, which the gateway asked the provider for on its own account
        assertThat(sse.events()).allSatisfy(e -> assertThat(e.has("usage")).as(e.toString()).isFalse());
        assertThat(sse.events()).allSatisfy(e -> e.path("choices").forEach(c -> assertThat(c.has("usage")).as(e.toString()).isFalse()));
    }

    @Test
    void should_return_a_tool_call_with_parsable_arguments_and_then_answer_the_tool_result() throws Exception {
        ChatCompletionCreateParams ask = Requests.chat(route.model()).addTool(Requests.weatherTool()).build();

        ChatCompletion first = gw.openAi().chat().completions().create(ask);

        ChatCompletion.Choice choice = first.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isNotBlank();
        assertThat(call.function().name()).isEqualTo("get_weather");
        JsonNode arguments = Json.MAPPER.readTree(call.function().arguments());
        assertThat(arguments.path("city").isTextual()).as(arguments.toString()).isTrue();
        assertThat(arguments.path("days").isIntegralNumber()).as(arguments.toString()).isTrue();

        ChatCompletion second = gw.openAi().chat().completions().create(Requests.chat(route.model()).addTool(Requests.weatherTool())
                .addMessage(choice.message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("Sunny and 21 degrees").build())
                .build());

        assertThat(second.choices().get(0).message().content()).hasValueSatisfying(
                text -> assertThat(text).startsWith("Simulated reply to tool result: Sunny and 21 degrees"));
    }

    @Test
    void should_stream_a_tool_call_whose_arguments_add_up_to_json() throws Exception {
        ChatCompletionCreateParams ask = Requests.chat(route.model()).addTool(Requests.weatherTool()).build();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = gw.openAi().chat().completions().createStreaming(ask)) {
            chunks = stream.stream().toList();
        }

        List<ChatCompletionChunk.Choice.Delta.ToolCall> parts = chunks.stream().flatMap(c -> c.choices().stream())
                .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream()).toList();
        assertThat(parts).isNotEmpty();
        assertThat(parts.get(0).function().flatMap(f -> f.name())).hasValue("get_weather");
        assertThat(parts.get(0).id()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        String arguments = parts.stream().map(p -> p.function().flatMap(f -> f.arguments()).orElse("")).collect(Collectors.joining());
        assertThat(Json.MAPPER.readTree(arguments).path("city").isTextual()).as(arguments).isTrue();
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.finishReason()).flatMap(java.util.Optional::stream))
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void should_answer_json_that_matches_the_requested_schema_or_refuse_the_format() throws Exception {
        ChatCompletionCreateParams ask = Requests.chat(route.model()).responseFormat(Requests.personFormat()).build();
        if (!route.jsonSchema()) {
            assertRefused(ask, "response_format");
            return;
        }

        String content = gw.openAi().chat().completions().create(ask).choices().get(0).message().content().orElseThrow();

        JsonNode reply = Json.MAPPER.readTree(content);
        JsonNode schema = Json.MAPPER.valueToTree(Requests.PERSON_SCHEMA);
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(reply))
                .as(content).isEmpty();
    }

    @Test
    void should_return_n_choices_or_refuse_n() {
        ChatCompletionCreateParams ask = Requests.chat(route.model()).n(2).build();
        if (!route.multipleChoices()) {
            assertRefused(ask, "n");
            return;
        }

        ChatCompletion completion = gw.openAi().chat().completions().create(ask);

        assertThat(completion.choices()).extracting(ChatCompletion.Choice::index).containsExactly(0L, 1L);
        assertThat(completion.choices()).allSatisfy(c -> assertThat(c.message().content()).isPresent());
    }

    @Test
    void should_cut_the_reply_at_a_stop_sequence_or_refuse_stop() {
        ChatCompletionCreateParams ask = Requests.chat(route.model()).stop("harbour").build();
        if (!route.stop()) {
            assertRefused(ask, "stop");
            return;
        }

        ChatCompletion completion = gw.openAi().chat().completions().create(ask);

        assertThat(completion.choices().get(0).message().content()).hasValue("Simulated reply to: Tell me about the ");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void should_accept_a_seed_and_pass_it_on_where_the_dialect_has_one() {
        ChatCompletion completion = gw.openAi().chat().completions().create(Requests.chat(route.model())
                .putAdditionalBodyProperty("seed", com.openai.core.JsonValue.from(4242)).build()); // seed() is deprecated in the SDK, not in the API

        assertThat(completion.choices().get(0).message().content()).isPresent();
        if (route.openAiStyle()) {
            assertThat(onlyUpstreamBody().path("seed").asLong()).isEqualTo(4242);
        }
    }

    @Test
    void should_return_logprobs_or_refuse_them() {
        ChatCompletionCreateParams ask = Requests.chat(route.model()).logprobs(true).topLogprobs(1).build();
        if (!route.logprobs()) {
            assertRefused(ask, "logprobs");
            return;
        }

        ChatCompletion completion = gw.openAi().chat().completions().create(ask);

        assertThat(completion.choices().get(0).logprobs().flatMap(l -> l.content())).hasValueSatisfying(tokens -> {
            assertThat(tokens).isNotEmpty();
            assertThat(tokens.get(0).topLogprobs()).hasSize(1);
        });
    }

    @Test
    void should_accept_unknown_fields_and_pass_them_untouched_to_openai_style_upstreams() {
        ChatCompletion completion = gw.openAi().chat().completions().create(Requests.chat(route.model())
                .putAdditionalBodyProperty("x_vendor_option", JsonValue.from(java.util.Map.of("depth", 3, "labels", List.of("a", "b"))))
                .build());

        assertThat(completion.choices().get(0).message().content()).isPresent();
        if (route.openAiStyle()) {
            assertThat(onlyUpstreamBody().path("x_vendor_option"))
                    .isEqualTo(Json.MAPPER.valueToTree(java.util.Map.of("depth", 3, "labels", List.of("a", "b"))));
        }
    }

    private void assertRefused(ChatCompletionCreateParams ask, String param) {
        assertThatThrownBy(() -> gw.openAi().chat().completions().create(ask))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).hasValueSatisfying(p -> assertThat(p).startsWith(param));
                    assertThat(e.getMessage()).isNotBlank();
                });
        assertThat(gw.simulator().requests()).as("a refused option never reaches the provider").isEmpty();
    }

    private JsonNode onlyUpstreamBody() {
        List<RecordedRequest> calls = gw.simulator().requests();
        assertThat(calls).hasSize(1);
        try {
            return Json.MAPPER.readTree(calls.get(0).body());
        } catch (java.io.IOException e) {
            throw new AssertionError("the upstream body is not JSON: " + calls.get(0).body(), e);
        }
    }

    private static boolean hasUsage(JsonNode event) {
        return event.has("usage") && !event.get("usage").isNull();
    }

}
