package dev.gatehouse.simulator;

import java.util.List;

/**
 * What the simulated model "wrote", in dialect-neutral terms; each dialect renders it in its shape.
 *
 * @param text             the reply text, or null for a tool call
 * @param pieces           the text (or a tool call's arguments) cut at token boundaries, as streams send it
 * @param toolCall         the tool call, or null
 * @param reasoning        reasoning text (models named like {@code *reasoner*}), or null
 * @param completionTokens output tokens, reasoning included, counted with {@code TokenCounter.standard()}
 * @param reasoningTokens  the part of {@code completionTokens} spent on reasoning
 * @param stopSequence     the stop sequence the text was cut at, or null
 */
record Completion(String text, List<String> pieces, Finish finish, ToolCall toolCall, String reasoning,
                  int completionTokens, int reasoningTokens, String stopSequence) {

    enum Finish { STOP, LENGTH, TOOL_CALLS, CONTENT_FILTER }

    record ToolCall(String id, String name, String arguments) {}

    /**
     * The reply as a content filter leaves it: the first few tokens, then {@link Finish#CONTENT_FILTER}.
     * Usage still counts what was generated, as providers bill filtered output.
     */
    Completion filtered() {
        int keep = Math.min(3, pieces.size());
        List<String> kept = pieces.subList(0, keep);
        return new Completion(toolCall == null ? String.join("", kept) : "", List.copyOf(kept), Finish.CONTENT_FILTER,
                null, reasoning, completionTokens, reasoningTokens, null);
    }
}
