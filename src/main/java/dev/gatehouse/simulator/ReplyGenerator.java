package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The simulated model: a deterministic reply derived from the request, so tests can predict
 * every byte. Text replies read "Simulated reply to: &lt;first words of the last user message&gt;",
 * padded with filler words to the configured reply length (finish {@code stop}), or cut shorter by
 * a smaller {@code max_tokens} (finish {@code length}), as a real model stops on its own well
 * before a generous limit; then cut at the first stop sequence. A model named like {@code *echo*}
 * answers the last user message itself, unpadded, so a test can see what reached the upstream
 * come back (redaction and restoration, say).
 */
final class ReplyGenerator {
    private static final String FILLER = " and the simulated model keeps writing plain words until it is told to stop";
    private static final int PROMPT_WORDS = 6;
    private static final int PROMPT_CHARS = 60;

    private volatile int replyTokens;
    private int toolCallSeq;

    ReplyGenerator(int replyTokens) {
        this.replyTokens = replyTokens;
    }

    void replyTokens(int tokens) { this.replyTokens = tokens; }

    Completion generate(ChatRequest r) {
        ChatRequest.Turn last = r.last();
        if (!r.tools().isEmpty() && r.toolsAllowed() && "user".equals(last.role())) return toolCall(r);
        boolean echo = echoes(r);
        String subject = echo ? r.lastUserText()
                : "tool".equals(last.role()) ? "Simulated reply to tool result: " + firstWords(last.text())
                : "Simulated reply to: " + firstWords(r.lastUserText());
        String reasoning = r.model() != null && r.model().contains("reasoner") ? "Simulated reasoning about: " + firstWords(r.lastUserText()) : null;
        int reasoningTokens = reasoning == null ? 0 : Tokens.count(reasoning);
        return switch (r.format()) {
            case JSON_SCHEMA -> text(SchemaSampler.sample(r.schema()).toString(), Completion.Finish.STOP, null, reasoning, reasoningTokens);
            case JSON_OBJECT -> text("{\"reply\":" + TextNode.valueOf(subject) + "}", Completion.Finish.STOP, null, reasoning, reasoningTokens);
            case TEXT -> plain(r, subject, !echo, reasoning, reasoningTokens);
        };
    }

    /** Model names containing {@code echo} answer a user's last message with that message, verbatim. */
    private static boolean echoes(ChatRequest r) {
        return r.model() != null && r.model().contains("echo") && "user".equals(r.last().role());
    }

    /** The subject padded to the reply length (or, unpadded, as it is), cut at max_tokens and the first stop. */
    private Completion plain(ChatRequest r, String subject, boolean pad, String reasoning, int reasoningTokens) {
        int natural = pad ? replyTokens : Tokens.count(subject);
        boolean cut = r.maxTokens() != null && r.maxTokens() < natural;
        int target = cut ? r.maxTokens() : natural;
        StringBuilder longEnough = new StringBuilder(subject);
        while (pad && longEnough.length() < target * 12 + subject.length()) longEnough.append(FILLER);
        String text = Tokens.firstTokens(longEnough.toString(), target);
        Completion.Finish finish = cut ? Completion.Finish.LENGTH : Completion.Finish.STOP;
        String stop = firstStop(text, r.stops());
        if (stop != null) {
            text = text.substring(0, text.indexOf(stop));
            finish = Completion.Finish.STOP;
        }
        return text(text, finish, stop, reasoning, reasoningTokens);
    }

    private static Completion text(String text, Completion.Finish finish, String stop, String reasoning, int reasoningTokens) {
        return new Completion(text, Tokens.pieces(text), finish, null, reasoning, Tokens.count(text) + reasoningTokens,
                reasoningTokens, stop);
    }

    private Completion toolCall(ChatRequest r) {
        ChatRequest.Tool tool = r.tools().get(0);
        if (r.forcedTool() != null) {
            tool = r.tools().stream().filter(t -> t.name().equals(r.forcedTool())).findFirst().orElse(tool);
        }
        String arguments = SchemaSampler.sample(tool.parameters()).toString();
        String id;
        synchronized (this) {
            id = String.format("call_sim_%06d", ++toolCallSeq);
        }
        return new Completion(null, Tokens.pieces(arguments), Completion.Finish.TOOL_CALLS,
                new Completion.ToolCall(id, tool.name(), arguments), null,
                Tokens.count(tool.name()) + Tokens.count(arguments), 0, null);
    }

    /** The stop sequence that occurs first in the text, or null. */
    private static String firstStop(String text, List<String> stops) {
        String first = null;
        int at = Integer.MAX_VALUE;
        for (String s : stops) {
            int i = s == null || s.isEmpty() ? -1 : text.indexOf(s);
            if (i >= 0 && i < at) {
                at = i;
                first = s;
            }
        }
        return first;
    }

    /** The first few words of a message, short enough to echo (CJK text has no spaces, hence the char cap). */
    static String firstWords(String text) {
        String words = Arrays.stream(text.trim().split("\\s+")).limit(PROMPT_WORDS).collect(Collectors.joining(" "));
        if (words.isEmpty()) return "(empty message)";
        if (words.codePointCount(0, words.length()) <= PROMPT_CHARS) return words;
        return words.substring(0, words.offsetByCodePoints(0, PROMPT_CHARS));
    }
}
