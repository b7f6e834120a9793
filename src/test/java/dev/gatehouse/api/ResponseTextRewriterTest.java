package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ResponseTextFilter.Channel;
import dev.gatehouse.api.ResponseTextFilter.Kind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseTextRewriterTest {

    /** Upper-cases text and holds back each channel's last character until the channel finishes. */
    private static final class HoldLast implements ResponseTextFilter {
        final List<Channel> finished = new ArrayList<>();

        @Override
        public Pass start() {
            Map<Channel, String> held = new HashMap<>();
            return new Pass() {
                @Override
                public String accept(Channel channel, String text) {
                    String all = held.getOrDefault(channel, "") + text.toUpperCase();
                    if (all.isEmpty()) return "";
                    held.put(channel, all.substring(all.length() - 1));
                    return all.substring(0, all.length() - 1);
                }

                @Override
                public String finish(Channel channel) {
                    finished.add(channel);
                    String rest = held.remove(channel);
                    return rest == null ? "" : rest;
                }
            };
        }
    }

    /** Passes everything as it is. */
    private static final ResponseTextFilter IDENTITY = () -> new ResponseTextFilter.Pass() {
        @Override
        public String accept(Channel channel, String text) { return text; }

        @Override
        public String finish(Channel channel) { return ""; }
    };

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void should_filter_content_reasoning_and_tool_arguments_of_every_choice_in_a_complete_body() {
        byte[] body = ("{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\","
                + "\"reasoning_content\":\"think\"}},{\"index\":1,\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":\\\"b\\\"}\"}}]}}],"
                + "\"usage\":{\"prompt_tokens\":1}}").getBytes(StandardCharsets.UTF_8);

        ObjectNode out = json(new String(ResponseTextRewriter.complete(body, new HoldLast()), StandardCharsets.UTF_8));

        assertThat(out.at("/choices/0/message/content").asText()).isEqualTo("HELLO");
        assertThat(out.at("/choices/0/message/reasoning_content").asText()).isEqualTo("THINK");
        assertThat(out.at("/choices/1/message/content").isNull()).isTrue();
        assertThat(out.at("/choices/1/message/tool_calls/0/function/arguments").asText()).isEqualTo("{\"A\":\"B\"}");
        assertThat(out.at("/choices/1/message/tool_calls/0/function/name").asText()).isEqualTo("f");
        assertThat(out.at("/usage/prompt_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void should_return_the_very_same_bytes_when_the_filter_changes_nothing() {
        byte[] body = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"hello\"}}]}".getBytes(StandardCharsets.UTF_8);

        assertThat(ResponseTextRewriter.complete(body, IDENTITY)).isSameAs(body);
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        assertThat(ResponseTextRewriter.complete(notJson, new HoldLast())).isSameAs(notJson);
    }

    @Test
    void should_send_held_back_text_in_the_finish_chunk_of_its_own_choice() {
        HoldLast filter = new HoldLast();
        ResponseTextRewriter rewriter = new ResponseTextRewriter(filter);
        List<ObjectNode> chunks = List.of(
                json("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}"),
                json("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ab\"},\"finish_reason\":null},"
                        + "{\"index\":1,\"delta\":{\"content\":\"xy\"},\"finish_reason\":null}]}"),
                json("{\"choices\":[{\"index\":1,\"delta\":{},\"finish_reason\":\"stop\"}]}"),
                json("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"c\"},\"finish_reason\":null}]}"),
                json("{\"choices\":[{\"index\":0,\"finish_reason\":\"length\"}]}"),
                json("{\"choices\":[],\"usage\":{\"prompt_tokens\":3}}"));

        chunks.forEach(rewriter::chunk);

        assertThat(chunks.get(1).at("/choices/0/delta/content").asText()).isEqualTo("A");
        assertThat(chunks.get(1).at("/choices/1/delta/content").asText()).isEqualTo("X");
        assertThat(chunks.get(2).at("/choices/0/delta/content").asText()).isEqualTo("Y");
        assertThat(chunks.get(3).at("/choices/0/delta/content").asText()).isEqualTo("B");
        assertThat(chunks.get(4).at("/choices/0/delta/content").asText()).isEqualTo("C");
        assertThat(chunks.get(5).toString()).isEqualTo("{\"choices\":[],\"usage\":{\"prompt_tokens\":3}}");
        assertThat(filter.finished).containsExactlyInAnyOrder(new Channel(0, Kind.CONTENT, 0), new Channel(1, Kind.CONTENT, 0));
    }

    @Test
    void should_flush_held_back_tool_arguments_into_the_matching_tool_call_of_the_finish_chunk() {
        ResponseTextRewriter rewriter = new ResponseTextRewriter(new HoldLast());
        ObjectNode first = json("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c0\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"q\\\":\"}},"
                + "{\"index\":1,\"id\":\"c1\",\"function\":{\"name\":\"g\",\"arguments\":\"[1\"}}]},\"finish_reason\":null}]}");
        ObjectNode last = json("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"]\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}]}");

        rewriter.chunk(first);
        rewriter.chunk(last);

        assertThat(first.at("/choices/0/delta/tool_calls/0/function/arguments").asText()).isEqualTo("{\"Q\"");
        assertThat(first.at("/choices/0/delta/tool_calls/1/function/arguments").asText()).isEqualTo("[");
        // call 1 got its own new text plus what was held; call 0 gets a new entry carrying its rest
        assertThat(last.at("/choices/0/delta/tool_calls/0/function/arguments").asText()).isEqualTo("1]");
        assertThat(last.at("/choices/0/delta/tool_calls/1/index").asInt()).isEqualTo(0);
        assertThat(last.at("/choices/0/delta/tool_calls/1/function/arguments").asText()).isEqualTo(":");
    }

    @Test
    void should_chain_filters_so_the_second_sees_what_the_first_lets_through_and_its_rest() {
        List<String> seenBySecond = new ArrayList<>();
        ResponseTextFilter recorder = () -> new ResponseTextFilter.Pass() {
            @Override
            public String accept(Channel channel, String text) {
                seenBySecond.add(text);
                return text;
            }

            @Override
            public String finish(Channel channel) { return ""; }
        };
        byte[] body = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"abc\"}}]}".getBytes(StandardCharsets.UTF_8);

        byte[] out = ResponseTextRewriter.complete(body, ResponseTextFilter.chain(new HoldLast(), recorder));

        assertThat(json(new String(out, StandardCharsets.UTF_8)).at("/choices/0/message/content").asText()).isEqualTo("ABC");
        assertThat(seenBySecond).containsExactly("AB", "C");
    }
}
