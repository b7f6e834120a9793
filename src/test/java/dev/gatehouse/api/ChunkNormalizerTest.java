package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.metering.TokenCounter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkNormalizerTest {
    private static final JsonNode MESSAGES = json("[{\"role\":\"user\",\"content\":\"Say hello to the gateway.\"}]");

    private final List<ObjectNode> seen = new ArrayList<>();

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode chunk(String text) {
        return (ObjectNode) json(text);
    }

    private void feed(ChunkNormalizer n, String... chunks) {
        for (String c : chunks) n.accept(chunk(c), seen::add);
    }

    private static String delta(String id, String content) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}";
    }

    @Test
    void should_keep_the_first_id_on_every_later_chunk() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);

        feed(n, delta("chatcmpl-first", "a"), delta("chatcmpl-other", "b"), delta("chatcmpl-first", "c"));

        assertThat(seen).extracting(c -> c.get("id").asText())
                .containsExactly("chatcmpl-first", "chatcmpl-first", "chatcmpl-first");
    }

    @Test
    void should_give_every_chunk_the_same_id_when_a_later_chunk_lacks_one() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);

        feed(n, delta("chatcmpl-first", "a"), "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}");

        assertThat(seen.get(1).get("id").asText()).isEqualTo("chatcmpl-first");
    }

    @Test
    void should_fill_missing_object_created_and_model_from_the_first_chunk() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);

        feed(n, delta("chatcmpl-1", "a"), "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}");

        ObjectNode second = seen.get(1);
        assertThat(second.get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(second.get("created").asLong()).isEqualTo(1700000000L);
        assertThat(second.get("model").asText()).isEqualTo("m");
    }

    @Test
    void should_invent_an_id_and_created_when_the_provider_sends_none() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);
        long before = System.currentTimeMillis() / 1000;

        feed(n, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}");

        assertThat(seen.get(0).get("id").asText()).startsWith("chatcmpl-");
        assertThat(seen.get(1).get("id").asText()).isEqualTo(seen.get(0).get("id").asText());
        assertThat(seen.get(0).get("created").asLong()).isBetween(before, System.currentTimeMillis() / 1000);
        assertThat(seen.get(0).get("object").asText()).isEqualTo("chat.completion.chunk");
    }

    @Test
    void should_hold_back_a_usage_only_chunk_and_emit_it_at_the_end_when_the_client_asked() {
        ChunkNormalizer n = new ChunkNormalizer(true, MESSAGES);

        feed(n, delta("chatcmpl-1", "hi"),
                "{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,"
                        + "\"total_tokens\":15,\"prompt_tokens_details\":{\"cached_tokens\":4}}}");

        assertThat(seen).hasSize(1);
        ObjectNode last = n.finalUsageChunk();
        assertThat(last.get("id").asText()).isEqualTo("chatcmpl-1");
        assertThat(last.get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(last.get("created").asLong()).isEqualTo(1700000000L);
        assertThat(last.get("model").asText()).isEqualTo("m");
        assertThat(last.get("choices")).isEmpty();
        assertThat(last.get("usage").toString()).isEqualTo(
                "{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15,\"prompt_tokens_details\":{\"cached_tokens\":4}}");
        assertThat(n.usage()).isEqualTo(new Usage(12, 3, 4, true));
    }

    @Test
    void should_not_emit_a_usage_chunk_when_the_client_did_not_ask() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);

        feed(n, delta("chatcmpl-1", "hi"),
                "{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}");

        assertThat(seen).hasSize(1);
        assertThat(n.finalUsageChunk()).isNull();
        assertThat(n.usage()).isEqualTo(new Usage(12, 3, 0, true));
    }

    @Test
    void should_take_the_last_running_total_and_strip_usage_from_every_chunk_shown() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);

        feed(n, withUsage(delta("c", "a"), 10, 1), withUsage(delta("c", "b"), 10, 2), withUsage(delta("c", "c"), 10, 3));

        assertThat(seen).hasSize(3).allSatisfy(c -> assertThat(c.has("usage")).isFalse());
        assertThat(n.usage()).isEqualTo(new Usage(10, 3, 0, true));
    }

    @Test
    void should_show_usage_as_null_on_content_chunks_when_the_client_asked_for_usage() {
        ChunkNormalizer n = new ChunkNormalizer(true, MESSAGES);

        feed(n, withUsage(delta("c", "a"), 10, 1), withUsage(delta("c", "b"), 10, 2));

        assertThat(seen).hasSize(2).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
        assertThat(n.finalUsageChunk().get("usage").get("completion_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void should_capture_and_remove_usage_inside_the_first_choice() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);

        feed(n, delta("c", "a"), "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\","
                + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":2,\"total_tokens\":10}}]}");

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).get("choices").get(0).has("usage")).isFalse();
        assertThat(seen.get(1).get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
        assertThat(n.usage()).isEqualTo(new Usage(8, 2, 0, true));
    }

    @Test
    void should_estimate_usage_with_jtokkit_when_the_provider_reports_none() {
        ChunkNormalizer n = new ChunkNormalizer(true, MESSAGES);

        feed(n, delta("c", "Hello"), delta("c", ", gateway"), delta("c", "! How are you today?"));

        Usage usage = n.usage();
        assertThat(usage.reported()).isFalse();
        assertThat(usage.promptTokens()).isEqualTo(TokenCounter.standard().countMessages(MESSAGES)).isPositive();
        assertThat(usage.completionTokens())
                .isEqualTo(TokenCounter.standard().count("Hello, gateway! How are you today?"))
                .isPositive();
        assertThat(n.finalUsageChunk().get("usage").get("prompt_tokens").asLong()).isEqualTo(usage.promptTokens());
    }

    @Test
    void should_count_reasoning_and_tool_call_text_in_the_estimate() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);

        feed(n, "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think \"}}]}",
                "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}}]}");

        assertThat(n.usage().completionTokens())
                .isEqualTo(TokenCounter.standard().count("think get_weather{\"city\":\"Paris\"}"));
    }

    @Test
    void should_pass_through_an_azure_prompt_filter_chunk_with_empty_choices() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);
        String azureFirst = "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}";

        feed(n, azureFirst, delta("chatcmpl-az", "hi"));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).get("choices")).isEmpty();
        assertThat(seen.get(0).get("prompt_filter_results")).hasSize(1);
        assertThat(seen.get(0).get("id").asText()).isNotEmpty().isEqualTo(seen.get(1).get("id").asText());
        assertThat(seen.get(0).get("object").asText()).isEqualTo("chat.completion.chunk"); // Azure sends ""
    }

    @Test
    void should_take_model_and_created_for_the_usage_chunk_from_the_first_chunk_that_has_them() {
        ChunkNormalizer n = new ChunkNormalizer(true, MESSAGES);
        String azureFirst = "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}";

        feed(n, azureFirst, delta("chatcmpl-az", "hi"),
                "{\"id\":\"chatcmpl-az\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}");

        ObjectNode last = n.finalUsageChunk();
        assertThat(last.get("model").asText()).isEqualTo("m");
        assertThat(last.get("created").asLong()).isEqualTo(1700000000L);
        assertThat(last.get("id").asText()).isEqualTo(seen.get(0).get("id").asText());
    }

    @Test
    void should_report_a_finish_only_after_a_chunk_with_a_finish_reason() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);

        feed(n, delta("c", "a"));

        assertThat(n.sawFinish()).isFalse();

        feed(n, "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}");

        assertThat(n.sawFinish()).isTrue();
    }

    private static String withUsage(String chunk, int prompt, int completion) {
        ObjectNode c = chunk(chunk);
        c.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return c.toString();
    }
}
