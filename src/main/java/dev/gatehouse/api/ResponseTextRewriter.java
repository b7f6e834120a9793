package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ResponseTextFilter.Channel;
import dev.gatehouse.api.ResponseTextFilter.Kind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link ResponseTextFilter} over the OpenAI shape of one chat response: a complete body
 * ({@code choices[].message}) or the chunks of a stream ({@code choices[].delta}), one rewriter per
 * stream. In a stream, the text a filter held back for a choice goes out in that choice's
 * {@code finish_reason} chunk, so nothing waits for the end of the stream and nothing is lost.
 */
public final class ResponseTextRewriter {
    private final ResponseTextFilter.Pass pass;
    /** The channels that received text and have not finished; rarely more than one. */
    private final List<Channel> open = new ArrayList<>(2);
    private boolean changed;

    public ResponseTextRewriter(ResponseTextFilter filter) {
        this.pass = filter.start();
    }

    /**
     * Filters a complete chat completion body. Returns {@code body} itself when no text changed
     * (or it is not a JSON object), so an observing filter costs a parse but no serialisation.
     */
    public static byte[] complete(byte[] body, ResponseTextFilter filter) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return body; // the adapter already checked it; nothing to filter in what is not JSON
        }
        if (!(tree instanceof ObjectNode object)) return body;
        ResponseTextRewriter rewriter = new ResponseTextRewriter(filter);
        rewriter.complete(object);
        if (!rewriter.changed) return body;
        try {
            return Json.MAPPER.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new IllegalStateException("a parsed response always serialises", e);
        }
    }

    /** Filters a complete chat completion body in place. */
    public void complete(ObjectNode body) {
        if (!(body.get("choices") instanceof ArrayNode choices)) return;
        for (int i = 0; i < choices.size(); i++) {
            if (!(choices.get(i) instanceof ObjectNode c) || !(c.get("message") instanceof ObjectNode message)) continue;
            int choice = c.path("index").asInt(i);
            whole(message, "content", channel(choice, Kind.CONTENT, 0));
            whole(message, "reasoning_content", channel(choice, Kind.REASONING, 0));
            if (message.get("tool_calls") instanceof ArrayNode calls) {
                for (int j = 0; j < calls.size(); j++) {
                    if (calls.get(j).get("function") instanceof ObjectNode fn) {
                        whole(fn, "arguments", channel(choice, Kind.TOOL_ARGUMENTS, j));
                    }
                }
            }
            open.clear();
        }
    }

    /** Filters one streamed chunk in place, before it is written to the client. */
    public void chunk(ObjectNode chunk) {
        if (!(chunk.get("choices") instanceof ArrayNode choices)) return;
        for (int i = 0; i < choices.size(); i++) {
            if (!(choices.get(i) instanceof ObjectNode c)) continue;
            int choice = c.path("index").asInt(i);
            if (c.get("delta") instanceof ObjectNode delta) {
                piece(delta, "content", Kind.CONTENT, choice, 0);
                piece(delta, "reasoning_content", Kind.REASONING, choice, 0);
                if (delta.get("tool_calls") instanceof ArrayNode calls) {
                    for (int j = 0; j < calls.size(); j++) {
                        JsonNode call = calls.get(j);
                        if (call.get("function") instanceof ObjectNode fn) {
                            piece(fn, "arguments", Kind.TOOL_ARGUMENTS, choice, call.path("index").asInt(j));
                        }
                    }
                }
            }
            JsonNode finish = c.get("finish_reason");
            if (finish != null && !finish.isNull() && !open.isEmpty()) flush(choice, c);
        }
    }

    private void whole(ObjectNode parent, String field, Channel channel) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) return;
        String text = node.textValue();
        String out = pass.accept(channel, text);
        String rest = pass.finish(channel);
        if (!rest.isEmpty()) out = out + rest;
        if (out != text) {
            parent.put(field, out);
            changed = true;
        }
    }

    private void piece(ObjectNode parent, String field, Kind kind, int choice, int toolCall) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) return;
        String text = node.textValue();
        String out = pass.accept(channel(choice, kind, toolCall), text);
        if (out != text) {
            parent.put(field, out);
            changed = true;
        }
    }

    /** Sends what the filter still holds for a finished choice in that choice's last chunk. */
    private void flush(int choice, ObjectNode c) {
        for (int k = 0; k < open.size(); ) {
            Channel ch = open.get(k);
            if (ch.choice() != choice) {
                k++;
                continue;
            }
            open.remove(k);
            String rest = pass.finish(ch);
            if (rest.isEmpty()) continue;
            ObjectNode delta = c.get("delta") instanceof ObjectNode d ? d : c.putObject("delta");
            switch (ch.kind()) {
                case CONTENT -> append(delta, "content", rest);
                case REASONING -> append(delta, "reasoning_content", rest);
                case TOOL_ARGUMENTS -> append(toolFunction(delta, ch.toolCall()), "arguments", rest);
            }
            changed = true;
        }
    }

    private static ObjectNode toolFunction(ObjectNode delta, int index) {
        ArrayNode calls = delta.get("tool_calls") instanceof ArrayNode a ? a : delta.putArray("tool_calls");
        for (JsonNode call : calls) {
            if (call.path("index").asInt(-1) == index && call instanceof ObjectNode o) {
                return o.get("function") instanceof ObjectNode fn ? fn : o.putObject("function");
            }
        }
        ObjectNode call = calls.addObject();
        call.put("index", index);
        return call.putObject("function");
    }

    private static void append(ObjectNode parent, String field, String rest) {
        JsonNode existing = parent.get(field);
        parent.put(field, existing != null && existing.isTextual() ? existing.textValue() + rest : rest);
    }

    private Channel channel(int choice, Kind kind, int toolCall) {
        for (Channel c : open) {
            if (c.choice() == choice && c.kind() == kind && c.toolCall() == toolCall) return c;
        }
        Channel c = new Channel(choice, kind, toolCall);
        open.add(c);
        return c;
    }
}
