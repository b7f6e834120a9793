package dev.gatehouse.api;

/**
 * Rewrites or observes the text of a chat response on its way to the client: the content, the
 * reasoning and the tool-call arguments of each choice, in complete bodies and in streamed deltas
 * alike (see {@link ResponseTextRewriter}). A request carries at most one chain of filters
 * ({@code RequestContext.addResponseFilter}); without one, responses pass untouched and unparsed.
 * <p>
 * A filter is built per request; {@link #start()} gives the state for one response. Text arrives
 * per {@link Channel} in order; a pass may hold text back (a placeholder cut in two by a chunk
 * boundary) and must give it up when the channel finishes.
 */
public interface ResponseTextFilter {

    /** A fresh pass over one response. Confined to the request's event loop. */
    Pass start();

    /** The state of a filter over one response. */
    interface Pass {
        /**
         * The next piece of a channel's text; returns what to send on now (possibly empty). Return
         * {@code text} itself when nothing changes, so the response is left as it is.
         */
        String accept(Channel channel, String text);

        /** The channel's choice finished: returns the text still held back (possibly empty). */
        String finish(Channel channel);
    }

    /** Which text of a response. */
    enum Kind {
        /** {@code message.content} / {@code delta.content}. */
        CONTENT,
        /** {@code reasoning_content} (DeepSeek and others). */
        REASONING,
        /** {@code tool_calls[].function.arguments}: JSON text, so replacements must be JSON-escaped. */
        TOOL_ARGUMENTS
    }

    /**
     * One text stream of a response.
     *
     * @param choice   the choice index
     * @param kind     which text
     * @param toolCall the tool call's index within the choice ({@link Kind#TOOL_ARGUMENTS}); 0 otherwise
     */
    record Channel(int choice, Kind kind, int toolCall) {}

    /** {@code first}, then {@code then} over what {@code first} lets through. */
    static ResponseTextFilter chain(ResponseTextFilter first, ResponseTextFilter then) {
        return () -> {
            Pass a = first.start();
            Pass b = then.start();
            return new Pass() {
                @Override
                public String accept(Channel channel, String text) {
                    return b.accept(channel, a.accept(channel, text));
                }

                @Override
                public String finish(Channel channel) {
                    String rest = a.finish(channel);
                    String through = rest.isEmpty() ? rest : b.accept(channel, rest);
                    String last = b.finish(channel);
                    return last.isEmpty() ? through : through + last;
                }
            };
        };
    }
}
