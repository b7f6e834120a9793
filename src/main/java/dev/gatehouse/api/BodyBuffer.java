package dev.gatehouse.api;

import io.vertx.core.buffer.Buffer;

/**
 * Collects a body from the chunks an HTTP connection delivers. Vert.x already hands each chunk
 * over as a buffer of its own (copied out of the connection's pooled memory), so a body that
 * arrives in one chunk, as small JSON bodies do, is kept as it is: no second buffer, no copy.
 * Only a body of several chunks is joined, in a buffer sized for what has come so far.
 */
public final class BodyBuffer {
    private Buffer single;
    private Buffer joined;
    private int length;

    public void append(Buffer chunk) {
        if (chunk.length() == 0) return;
        length += chunk.length();
        if (joined != null) {
            joined.appendBuffer(chunk);
        } else if (single == null) {
            single = chunk;
        } else {
            joined = Buffer.buffer(Math.max(2 * length, 1024)).appendBuffer(single).appendBuffer(chunk);
            single = null;
        }
    }

    /** Bytes collected so far. */
    public int length() { return length; }

    /** The whole body (empty when nothing came). */
    public Buffer body() {
        return joined != null ? joined : single != null ? single : Buffer.buffer(0);
    }
}
