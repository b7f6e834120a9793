package dev.gatehouse.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Consumer;

/**
 * Turns the Server-Sent Events of one upstream stream into OpenAI {@code chat.completion.chunk}
 * objects. One instance per response; called on one event loop, so it may keep state.
 * The gateway's {@code ChunkNormalizer} then handles what every dialect shares: one id, usage
 * capture and stripping, {@code [DONE]}.
 */
public interface StreamTranslator {

    /**
     * Handles one upstream event and passes the chunks it yields, in order, to {@code out}.
     * Throws {@link dev.gatehouse.api.GatewayException} when the upstream reports an error
     * mid-stream or sends something unreadable.
     *
     * @param event the SSE {@code event:} type, or null when there was none
     * @return true when this event ends the stream (OpenAI's {@code [DONE]}, Anthropic's
     *         {@code message_stop}); events after it are ignored
     */
    boolean onEvent(String event, String data, Consumer<ObjectNode> out);

    /**
     * Whether each event's data is an OpenAI chunk as it is, so that the relay may send one that
     * needs no change on as text, without parsing it into a tree ({@code ChunkNormalizer.acceptText});
     * events it declines still come here.
     */
    default boolean emitsOpenAiChunks() { return false; }
}
