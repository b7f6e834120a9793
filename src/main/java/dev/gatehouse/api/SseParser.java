package dev.gatehouse.api;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Incremental Server-Sent Events parser (the WHATWG event-stream grammar): feed it network
 * buffers as they arrive and it calls back once per complete event. Lines may end in LF, CRLF or
 * CR and may be split anywhere across buffers. A pending event larger than {@code maxEventBytes}
 * is a protocol error, so a broken upstream cannot grow memory without bound.
 */
public final class SseParser {

    /** Receives one dispatched event; {@code event} is null for the default "message" type. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(String event, String data);
    }

    private final Listener listener;
    private final int maxEventBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lastWasCr;
    private String eventType;
    private StringBuilder data;
    private int pendingBytes;

    public SseParser(Listener listener, int maxEventBytes) {
        this.listener = listener;
        this.maxEventBytes = maxEventBytes;
    }

    public void feed(Buffer buffer) {
        ByteView view = ByteView.of(buffer);
        byte[] bytes = view.array();
        int at = view.offset();
        int end = at + view.length();
        while (at < end) {
            if (lastWasCr) {
                lastWasCr = false;
                if (bytes[at] == '\n') { at++; continue; } // the LF of a CRLF
            }
            int stop = at;
            while (stop < end && bytes[stop] != '\n' && bytes[stop] != '\r') stop++;
            append(bytes, at, stop - at);
            if (stop == end) return;
            lastWasCr = bytes[stop] == '\r';
            endLine();
            at = stop + 1;
        }
    }

    /** Flushes an event left without its closing blank line when the stream ends. */
    public void end() {
        if (lineLength > 0) endLine();
        dispatch();
    }

    /** Adds a run of the current line's bytes (no line ends among them). */
    private void append(byte[] bytes, int from, int length) {
        pendingBytes += length;
        if (pendingBytes > maxEventBytes) {
            throw new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE,
                    "upstream sent a stream event larger than " + maxEventBytes + " bytes");
        }
        if (lineLength + length > line.length) line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        System.arraycopy(bytes, from, line, lineLength, length);
        lineLength += length;
    }

    private void endLine() {
        if (lineLength == 0) { dispatch(); return; }
        int colon = indexOfColon();
        String field;
        String value;
        if (colon == 0) { lineLength = 0; return; } // a comment, e.g. ": keep-alive"
        if (colon < 0) {
            field = new String(line, 0, lineLength, StandardCharsets.UTF_8);
            value = "";
        } else {
            field = new String(line, 0, colon, StandardCharsets.US_ASCII);
            int start = colon + 1;
            if (start < lineLength && line[start] == ' ') start++;
            value = new String(line, start, lineLength - start, StandardCharsets.UTF_8);
        }
        lineLength = 0;
        switch (field) {
            case "data" -> {
                if (data == null) data = new StringBuilder(value.length());
                else data.append('\n');
                data.append(value);
            }
            case "event" -> eventType = value;
            default -> { } // id, retry and unknown fields carry nothing the gateway needs
        }
    }

    private int indexOfColon() {
        for (int i = 0; i < lineLength; i++) if (line[i] == ':') return i;
        return -1;
    }

    private void dispatch() {
        pendingBytes = 0;
        if (data == null) { eventType = null; return; }
        String type = eventType;
        String payload = data.toString();
        data = null;
        eventType = null;
        listener.onEvent(type, payload);
    }
}
