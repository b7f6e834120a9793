package dev.gatehouse.api;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A buffer's bytes as an array range, for parsers that take one. Bodies the gateway collects
 * (requests, upstream responses) are heap buffers, so their array is used as it is; only another
 * kind of buffer is copied. The view is valid while the buffer is unchanged.
 */
public record ByteView(byte[] array, int offset, int length) {

    public static ByteView of(Buffer buffer) {
        if (buffer instanceof BufferInternal internal) {
            ByteBuf bytes = internal.getByteBuf();
            if (bytes.hasArray()) return new ByteView(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        }
        byte[] copy = buffer.getBytes();
        return new ByteView(copy, 0, copy.length);
    }
}
