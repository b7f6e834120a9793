package dev.gatehouse.simulator;

/**
 * The provider habits an OpenAI-style chat answer imitates, chosen from the route (Azure or not)
 * and conventions in the model (or deployment) name, so a config file alone can exercise them.
 *
 * @param azure         add Azure's prompt_filter_results / content_filter_results and its leading stream chunk
 * @param contentFilter answer as a content filter does: a few tokens, then finish_reason content_filter
 * @param streamUsage   how a stream reports usage
 */
record ChatFlavor(boolean azure, boolean contentFilter, StreamUsage streamUsage) {

    enum StreamUsage {
        /** OpenAI: a usage-only chunk ({@code choices: []}) before [DONE] when stream_options.include_usage is true. */
        STANDARD,
        /** {@code running-usage}: a usage object with running totals on every chunk, whatever the request asks. */
        RUNNING,
        /** {@code usage-in-choice} (as Moonshot): usage inside {@code choices[0].usage} of the last chunk. */
        IN_CHOICE,
        /** {@code no-stream-usage}: streams never report usage. */
        NONE
    }

    static ChatFlavor of(String model, boolean azure) {
        String m = model == null ? "" : model;
        StreamUsage usage = m.contains("running-usage") ? StreamUsage.RUNNING
                : m.contains("usage-in-choice") ? StreamUsage.IN_CHOICE
                : m.contains("no-stream-usage") ? StreamUsage.NONE
                : StreamUsage.STANDARD;
        return new ChatFlavor(azure, m.contains("content-filter"), usage);
    }
}
