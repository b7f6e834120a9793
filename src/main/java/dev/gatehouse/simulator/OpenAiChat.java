package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Usage;
import dev.gatehouse.metering.TokenCounter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers an OpenAI chat request, plain or streamed, in the shape of {@code CreateChatCompletionResponse}
 * and {@code CreateChatCompletionStreamResponse}, with the habits of a {@link ChatFlavor}.
 */
final class OpenAiChat {
    private static final String FINGERPRINT = "fp_gatehouse_sim";

    private final ReplyGenerator generator;
    private final AtomicLong ids = new AtomicLong();

    OpenAiChat(ReplyGenerator generator) {
        this.generator = generator;
    }

    Reply answer(JsonNode body, String model, ChatFlavor flavor, int chunkTokens) {
        ChatRequest request = OpenAiRequests.chat(body, model);
        int n = OpenAiRequests.n(body);
        Completion completion = generator.generate(request);
        if (flavor.contentFilter()) completion = completion.filtered();
        int promptTokens = TokenCounter.standard().countMessages(body.get("messages"));
        Usage usage = new Usage(promptTokens, (long) completion.completionTokens() * n, 0, true);
        String id = "chatcmpl-sim-" + ids.incrementAndGet();
        long created = System.currentTimeMillis() / 1000;
        boolean logprobs = body.path("logprobs").asBoolean(false);
        int topLogprobs = body.path("top_logprobs").asInt(0);
        if (!body.path("stream").asBoolean(false)) {
            ObjectNode json = head(id, created, model, "chat.completion");
            ArrayNode choices = json.putArray("choices");
            for (int i = 0; i < n; i++) choices.add(choice(i, completion, flavor, logprobs, topLogprobs));
            if (flavor.azure()) json.set("prompt_filter_results", AzureFilters.promptResults());
            json.set("usage", usageJson(usage, completion.reasoningTokens() * (long) n));
            return Reply.Plain.ok(json, usage, Map.of());
        }
        return new StreamBuilder(id, created, model, flavor, completion, usage, logprobs, topLogprobs,
                body.path("stream_options").path("include_usage").asBoolean(false), n).frames(chunkTokens);
    }

    private static ObjectNode head(String id, long created, String model, String object) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("object", object);
        json.put("created", created);
        json.put("model", model);
        json.put("system_fingerprint", FINGERPRINT);
        return json;
    }

    private static ObjectNode choice(int index, Completion c, ChatFlavor flavor, boolean logprobs, int top) {
        ObjectNode choice = Json.MAPPER.createObjectNode();
        choice.put("index", index);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (c.toolCall() == null) message.put("content", c.text()); else message.putNull("content");
        message.putNull("refusal");
        if (c.reasoning() != null) message.put("reasoning_content", c.reasoning());
        if (c.toolCall() != null) {
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", c.toolCall().id());
            call.put("type", "function");
            call.putObject("function").put("name", c.toolCall().name()).put("arguments", c.toolCall().arguments());
        }
        if (logprobs && c.toolCall() == null) choice.set("logprobs", logprobs(c.pieces(), top)); else choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(c.finish()));
        if (flavor.azure()) choice.set("content_filter_results", AzureFilters.completionResults(flavor.contentFilter()));
        return choice;
    }

    static String finishReason(Completion.Finish f) {
        return switch (f) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    /** One entry per token: made-up but stable log probabilities, real UTF-8 bytes. */
    private static ObjectNode logprobs(List<String> pieces, int top) {
        ObjectNode lp = Json.MAPPER.createObjectNode();
        ArrayNode content = lp.putArray("content");
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode t = content.addObject();
            String token = pieces.get(i);
            double logprob = -0.01 * (i % 7 + 1);
            t.put("token", token);
            t.put("logprob", logprob);
            ArrayNode bytes = t.putArray("bytes");
            for (byte b : token.getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xFF);
            ArrayNode tops = t.putArray("top_logprobs");
            if (top > 0) tops.addObject().put("token", token).put("logprob", logprob).set("bytes", bytes.deepCopy());
        }
        lp.putNull("refusal");
        return lp;
    }

    private static ObjectNode usageJson(Usage u, long reasoningTokens) {
        ObjectNode json = u.toOpenAi();
        if (reasoningTokens > 0) json.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens);
        return json;
    }

    /** Builds the chunks of one streamed answer; counts the tokens sent so far for running-usage totals. */
    private static final class StreamBuilder {
        private final String id;
        private final long created;
        private final String model;
        private final ChatFlavor flavor;
        private final Completion c;
        private final Usage usage;
        private final boolean logprobs;
        private final int top;
        private final boolean includeUsage;
        private final int n;
        private long sentTokens;

        StreamBuilder(String id, long created, String model, ChatFlavor flavor, Completion c, Usage usage,
                      boolean logprobs, int top, boolean includeUsage, int n) {
            this.id = id;
            this.created = created;
            this.model = model;
            this.flavor = flavor;
            this.c = c;
            this.usage = usage;
            this.logprobs = logprobs;
            this.top = top;
            this.includeUsage = includeUsage;
            this.n = n;
        }

        Reply.Stream frames(int chunkTokens) {
            List<Reply.Frame> out = new ArrayList<>();
            if (flavor.azure()) out.add(Reply.Frame.data(AzureFilters.leadingChunk(), 0));
            for (int index = 0; index < n; index++) {
                out.add(chunk(index, firstDelta(), null, List.of()));
                if (c.reasoning() != null) {
                    for (List<String> group : Tokens.groups(Tokens.pieces(c.reasoning()), chunkTokens)) {
                        out.add(chunk(index, Json.MAPPER.createObjectNode().put("reasoning_content", String.join("", group)), null, List.of()));
                        sentTokens += group.size();
                    }
                }
                for (List<String> group : Tokens.groups(c.pieces(), chunkTokens)) {
                    String part = String.join("", group);
                    ObjectNode delta = Json.MAPPER.createObjectNode();
                    if (c.toolCall() == null) delta.put("content", part);
                    else delta.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", part);
                    sentTokens += group.size();
                    out.add(chunk(index, delta, null, group));
                }
                out.add(chunk(index, Json.MAPPER.createObjectNode(), finishReason(c.finish()), List.of()));
            }
            if (flavor.streamUsage() == ChatFlavor.StreamUsage.STANDARD && includeUsage) {
                ObjectNode last = head(id, created, model, "chat.completion.chunk");
                last.putArray("choices");
                last.set("usage", usageJson(usage, c.reasoningTokens() * (long) n));
                out.add(Reply.Frame.data(last, 0));
            }
            out.add(Reply.Frame.raw("data: [DONE]\n\n"));
            return new Reply.Stream(Map.of(), out, usage);
        }

        /** OpenAI's first chunk: the role, and for a tool call its id and name with empty arguments. */
        private ObjectNode firstDelta() {
            ObjectNode first = Json.MAPPER.createObjectNode().put("role", "assistant");
            if (c.toolCall() == null) return first.put("content", "");
            first.putNull("content");
            ObjectNode call = first.putArray("tool_calls").addObject().put("index", 0)
                    .put("id", c.toolCall().id()).put("type", "function");
            call.putObject("function").put("name", c.toolCall().name()).put("arguments", "");
            return first;
        }

        private Reply.Frame chunk(int index, ObjectNode delta, String finish, List<String> tokens) {
            ObjectNode json = head(id, created, model, "chat.completion.chunk");
            ObjectNode choice = json.putArray("choices").addObject();
            choice.put("index", index);
            choice.set("delta", delta);
            if (logprobs && !tokens.isEmpty() && c.toolCall() == null) choice.set("logprobs", logprobs(tokens, top));
            else choice.putNull("logprobs");
            if (finish == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finish);
            if (flavor.azure() && finish != null) choice.set("content_filter_results", AzureFilters.completionResults(flavor.contentFilter()));
            boolean last = finish != null && index == n - 1;
            ObjectNode total = usageJson(usage, c.reasoningTokens() * (long) n);
            switch (flavor.streamUsage()) {
                case RUNNING -> json.set("usage", last ? total : new Usage(usage.promptTokens(), sentTokens, 0, true).toOpenAi());
                case IN_CHOICE -> { if (last) choice.set("usage", total); }
                case STANDARD -> { if (includeUsage) json.putNull("usage"); }
                case NONE -> { }
            }
            return Reply.Frame.data(json, tokens.size());
        }
    }
}
