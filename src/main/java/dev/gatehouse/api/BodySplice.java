package dev.gatehouse.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * A client's request body as it arrived, with where its top-level {@code model} value and the
 * object itself begin, so that it can go upstream as the client's own bytes with only the model
 * replaced, instead of being re-serialised from the parsed tree. The client's formatting, key order
 * and number spellings reach the provider exactly as sent, and the gateway spends nothing on them.
 * Made by {@link RequestJson}, from a body it has parsed and found free of duplicate keys, so the
 * offsets point at a well-formed JSON object.
 *
 * @param bytes       the body as received
 * @param objectStart offset of the body's opening brace
 * @param modelStart  offset of the opening quote of the top-level {@code model} string
 */
public record BodySplice(Buffer bytes, int objectStart, int modelStart) {
    private static final byte[] STREAM_USAGE = "\"stream_options\":{\"include_usage\":true},".getBytes(StandardCharsets.US_ASCII);

    /**
     * The body to send: the client's bytes with {@code model} set to {@code upstreamModel} and,
     * with {@code addStreamUsage}, {@code "stream_options":{"include_usage":true}} as the first
     * member (the caller checks that the body has no {@code stream_options} of its own). When
     * nothing changes, the received buffer itself.
     */
    public Buffer forward(String upstreamModel, boolean addStreamUsage) {
        int modelEnd = stringEnd(modelStart);
        byte[] model = quoted(upstreamModel);
        if (!addStreamUsage && sameBytes(modelStart, modelEnd, model)) return bytes;
        int length = bytes.length() - (modelEnd - modelStart) + model.length + (addStreamUsage ? STREAM_USAGE.length : 0);
        Buffer out = Buffer.buffer(length);
        out.appendBuffer(bytes, 0, objectStart + 1);
        if (addStreamUsage) out.appendBytes(STREAM_USAGE);
        out.appendBuffer(bytes, objectStart + 1, modelStart - objectStart - 1);
        out.appendBytes(model);
        out.appendBuffer(bytes, modelEnd, bytes.length() - modelEnd);
        return out;
    }

    /** The offset just past the closing quote of the JSON string that opens at {@code start}. */
    private int stringEnd(int start) {
        int i = start + 1;
        while (true) {
            byte b = bytes.getByte(i);
            if (b == '"') return i + 1;
            i += b == '\\' ? 2 : 1;
        }
    }

    private boolean sameBytes(int from, int to, byte[] expected) {
        if (to - from != expected.length) return false;
        for (int i = 0; i < expected.length; i++) {
            if (bytes.getByte(from + i) != expected[i]) return false;
        }
        return true;
    }

    private static byte[] quoted(String s) {
        byte[] inner = JsonStringEncoder.getInstance().quoteAsUTF8(s);
        byte[] out = new byte[inner.length + 2];
        out[0] = '"';
        System.arraycopy(inner, 0, out, 1, inner.length);
        out[out.length - 1] = '"';
        return out;
    }
}
