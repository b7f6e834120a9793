package dev.gatehouse.providers.anthropic;

/** Anthropic's {@code stop_reason} as OpenAI's {@code finish_reason}. */
final class StopReasons {
    private StopReasons() {}

    /**
     * @param calledClientTools whether the answer called any tool of the client's; a {@code tool_use}
     *                          stop that only called the JSON-mode tool is an ordinary finished answer
     */
    static String finishReason(String stopReason, boolean calledClientTools) {
        if (stopReason == null) return "stop";
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> calledClientTools ? "tool_calls" : "stop";
            case "refusal" -> "content_filter";
            // end_turn, stop_sequence, pause_turn (a server tool paused a long turn; the text so far
            // is complete as far as the client can act on it) and any reason added later
            default -> "stop";
        };
    }
}
