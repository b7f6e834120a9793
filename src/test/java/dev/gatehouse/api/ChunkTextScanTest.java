package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChunkNormalizer#acceptText}, the relay's way past the tree, must give the client exactly
 * what {@link ChunkNormalizer#accept} gives it, and leave the same usage, finish and final chunk;
 * it may only decline more chunks than it needs to.
 */
class ChunkTextScanTest {
    private static final JsonNode MESSAGES = json("[{\"role\":\"user\",\"content\":\"Say hello to the gateway.\"}]");
    private static final String HEAD = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\"";

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String chunk(String choices, String... more) {
        return "{" + HEAD + ",\"choices\":[" + choices + "]" + (more.length == 0 ? "" : "," + String.join(",", more)) + "}";
    }

    private static String delta(String delta) {
        return "{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}";
    }

    /** Each chunk of a stream, with what the text path sent (null when it declined) and what the tree path did. */
    private record Compared(List<String> sentAsText, List<JsonNode> viaText, List<JsonNode> viaTree,
                            ChunkNormalizer text, ChunkNormalizer tree) {}

    private static Compared both(boolean clientWantsUsage, List<String> stream) {
        ChunkNormalizer text = new ChunkNormalizer(clientWantsUsage, MESSAGES);
        ChunkNormalizer tree = new ChunkNormalizer(clientWantsUsage, MESSAGES);
        List<String> sentAsText = new ArrayList<>();
        List<JsonNode> viaText = new ArrayList<>();
        List<JsonNode> viaTree = new ArrayList<>();
        for (String c : stream) {
            String sent = text.acceptText(c);
            sentAsText.add(sent);
            if (sent != null) viaText.add(json(sent));
            else text.accept((ObjectNode) json(c), viaText::add);
            tree.accept((ObjectNode) json(c), viaTree::add);
        }
        return new Compared(sentAsText, viaText, viaTree, text, tree);
    }

    private static void assertSameAsTree(Compared c) {
        assertThat(c.viaText()).isEqualTo(c.viaTree());
        assertThat(c.text().usage()).isEqualTo(c.tree().usage());
        assertThat(c.text().sawFinish()).isEqualTo(c.tree().sawFinish());
        assertThat(c.text().finalUsageChunk()).isEqualTo(c.tree().finalUsageChunk());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void should_send_the_recorded_openai_stream_as_it_came_except_the_usage_chunk(boolean clientWantsUsage) throws IOException {
        List<String> stream = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("bench/payloads/stream.sse"))) {
            if (line.startsWith("data: {")) stream.add(line.substring("data: ".length()));
        }

        Compared c = both(clientWantsUsage, stream);

        assertSameAsTree(c);
        assertThat(stream).hasSize(19);
        for (int i = 0; i < 18; i++) assertThat(c.sentAsText().get(i)).isSameAs(stream.get(i));
        assertThat(c.sentAsText().get(18)).as("the usage-only chunk goes through the tree").isNull();
        assertThat(c.text().usage().reported()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void should_agree_with_the_tree_on_every_kind_of_chunk(boolean clientWantsUsage) {
        List<String> stream = List.of(
                chunk(delta("{\"role\":\"assistant\",\"content\":\"\"}")),
                chunk(delta("{\"content\":\"h\\u00e9llo \\ud83d\\ude00 你好\"}"), "\"system_fingerprint\":\"fp_1\""),
                chunk(delta("{\"content\":\"x\"}"), "\"usage\":null"),
                "{\"usage\":null," + HEAD + ",\"choices\":[" + delta("{\"content\":\"y\"}") + "]}",
                "{ \"usage\" : null ,\n " + HEAD + ",\"choices\":[" + delta("{\"content\":\"z\"}") + "] }",
                chunk(delta("{\"reasoning_content\":\"think \",\"content\":\"after\"}")),
                chunk(delta("{\"content\":\"first\",\"reasoning_content\":\"second\"}")),
                chunk(delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":1}\",\"name\":\"f\"}},"
                        + "7,{\"function\":\"not an object\"},{\"function\":{\"name\":null,\"arguments\":\"ok\"}}]}")),
                chunk(delta("{\"content\":\"p\"}") + "," + "{\"index\":1,\"delta\":{\"content\":\"q\"},\"logprobs\":{\"content\":[]},\"finish_reason\":null}"),
                chunk(delta("{\"content\":null}")),
                chunk("{\"index\":0,\"delta\":\"not an object\",\"finish_reason\":null}"),
                chunk("7"),
                "{\"id\":\"chatcmpl-other\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[" + delta("{\"content\":\"i\"}") + "]}",
                "{\"id\":\"chatcmpl-1\",\"created\":1,\"model\":\"m\",\"choices\":[" + delta("{\"content\":\"o\"}") + "]}",
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[" + delta("{\"content\":\"o\"}") + "]}",
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[" + delta("{\"content\":\"c\"}") + "]}",
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":\"1\",\"model\":\"m\",\"choices\":[" + delta("{\"content\":\"c\"}") + "]}",
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1.5e9,\"model\":\"m\",\"choices\":[" + delta("{\"content\":\"c\"}") + "]}",
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"choices\":[" + delta("{\"content\":\"m\"}") + "]}",
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":null,\"choices\":[" + delta("{\"content\":\"m\"}") + "]}",
                chunk(delta("{\"content\":\"u\"}"), "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1}"),
                chunk("{\"index\":0,\"delta\":{},\"finish_reason\":null,\"usage\":null}"),
                chunk(delta("{\"content\":\"t\"}")) + " trailing",
                chunk(delta("{\"content\":\"e\"}"), "\"error\":null"),
                chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}"),
                "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":30,\"total_tokens\":42}}");

        Compared c = both(clientWantsUsage, stream);

        assertSameAsTree(c);
        List<Integer> asText = new ArrayList<>();
        for (int i = 0; i < stream.size(); i++) if (c.sentAsText().get(i) != null) asText.add(i);
        assertThat(asText).as("the chunks that needed no change went as text")
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 19, 24);
    }

    @Test
    void should_estimate_the_same_tokens_as_the_tree_when_the_provider_reports_no_usage() {
        List<String> stream = List.of(
                chunk(delta("{\"content\":\"Hello\"}")),
                chunk(delta("{\"content\":\", gateway\"}")),
                chunk(delta("{\"content\":\" bad\"}")).replace("\"choices\"", "\"choices\"\"broken\""),
                chunk(delta("{\"reasoning_content\":\"hmm\",\"content\":\"!\"}")),
                chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}"));

        ChunkNormalizer text = new ChunkNormalizer(false, MESSAGES);
        ChunkNormalizer tree = new ChunkNormalizer(false, MESSAGES);
        for (String s : stream) {
            if (text.acceptText(s) == null && !s.contains("broken")) text.accept((ObjectNode) json(s), n -> { });
            if (!s.contains("broken")) tree.accept((ObjectNode) json(s), n -> { });
        }

        assertThat(text.usage()).isEqualTo(tree.usage());
        assertThat(text.usage().reported()).isFalse();
        assertThat(text.sawFinish()).isTrue();
    }

    @Test
    void should_drop_usage_null_with_its_comma_when_the_client_did_not_ask_for_usage() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);
        String body = "\"choices\":[" + delta("{\"content\":\"a\"}") + "]";

        assertThat(n.acceptText("{" + HEAD + "," + body + ",\"usage\":null}")).isEqualTo("{" + HEAD + "," + body + "}");
        assertThat(n.acceptText("{" + HEAD + ",\"usage\":null," + body + "}")).isEqualTo("{" + HEAD + "," + body + "}");
        assertThat(n.acceptText("{\"usage\":null," + HEAD + "," + body + "}")).isEqualTo("{" + HEAD + "," + body + "}");
        assertThat(n.acceptText("{ \"usage\" :\tnull ,\n" + HEAD + "," + body + "}")).isEqualTo("{ \n" + HEAD + "," + body + "}");
        assertThat(n.acceptText("{" + HEAD + "," + body + ",\"us\\u0061ge\":null}")).as("a name with an escape: the tree's work").isNull();
        assertThat(n.acceptText("{" + HEAD + "," + body + " ,\n \"usage\": null\n}")).isEqualTo("{" + HEAD + "," + body + " \n}");
    }

    @Test
    void should_keep_usage_null_when_the_client_asked_for_usage() {
        ChunkNormalizer n = new ChunkNormalizer(true, MESSAGES);
        String sent = chunk(delta("{\"content\":\"a\"}"), "\"usage\":null");

        assertThat(n.acceptText(sent)).isSameAs(sent);
    }

    @Test
    void should_decline_text_that_is_not_one_json_object_and_collect_nothing_from_it() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);

        assertThat(n.acceptText(chunk(delta("{\"content\":\"lost\"}")).substring(0, 140))).isNull();
        assertThat(n.acceptText("[DONE]")).isNull();
        assertThat(n.acceptText(chunk(delta("{\"content\":\"\\q\"}")))).isNull();
        assertThat(n.acceptText(chunk(delta("{\"content\":\"lost\"}"), "\"skipped\":\"\\q\""))).isNull();
        assertThat(n.acceptText(chunk(delta("{\"content\":\"lost\"}"), "\"skipped\":[1,}"))).isNull();
        assertThat(n.acceptText("")).isNull();
        assertThat(n.acceptText(chunk(delta("{\"content\":\"kept\"}")))).isNotNull();

        ChunkNormalizer only = new ChunkNormalizer(false, MESSAGES);
        only.acceptText(chunk(delta("{\"content\":\"kept\"}")));
        assertThat(n.usage()).isEqualTo(only.usage());
    }

    @Test
    void should_decline_a_first_chunk_without_an_id_so_that_the_tree_invents_one() {
        ChunkNormalizer n = new ChunkNormalizer(false, MESSAGES);

        assertThat(n.acceptText("{\"id\":\"\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":["
                + delta("{\"content\":\"a\"}") + "]}")).isNull();
        assertThat(n.acceptText("{\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":["
                + delta("{\"content\":\"a\"}") + "]}")).isNull();
    }

    @Test
    void should_learn_model_and_created_after_an_azure_filter_chunk() {
        String azureFirst = "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}";
        ChunkNormalizer text = new ChunkNormalizer(true, MESSAGES);
        List<JsonNode> sent = new ArrayList<>();

        assertThat(text.acceptText(azureFirst)).isNull();
        text.accept((ObjectNode) json(azureFirst), sent::add);
        String id = sent.get(0).get("id").asText();
        String second = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o\","
                + "\"choices\":[" + delta("{\"content\":\"a\"}") + "]}";

        assertThat(text.acceptText(second)).isSameAs(second);
        assertThat(text.finalUsageChunk().get("model").asText()).isEqualTo("gpt-4o");
        assertThat(text.finalUsageChunk().get("created").asLong()).isEqualTo(1700000000L);
    }
}
