package dev.gatehouse.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;

/**
 * Sends one {@link Reply} the way the configured {@link Timing} and the request's {@link Fault}
 * say: waits with timers (never blocking the event loop), breaks streams where a fault asks, and
 * tells the {@link Recorder} when an answer went out to its last byte.
 */
final class Exchange {
    /** What a malformed_chunk fault sends: an SSE data line whose payload is not JSON. */
    static final String MALFORMED_EVENT = "data: {\"id\": \"sim-malformed\", \"choices\": [ this is not json\n\n";

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Recorder recorder;
    private final Timing timing;
    private final Fault fault; // null when the request is not faulted
    private final String model;

    Exchange(Vertx vertx, HttpServerRequest request, Recorder recorder, Timing timing, Fault fault, String model) {
        this.vertx = vertx;
        this.request = request;
        this.response = request.response();
        this.recorder = recorder;
        this.timing = timing;
        this.fault = fault;
        this.model = model;
    }

    /** Plays the connection-level faults; returns true when the request is dealt with (no answer will follow). */
    boolean playConnectionFault() {
        if (fault == null) return false;
        switch (fault.kind()) {
            case HANG -> { return true; } // keep the connection open and say nothing
            case RESET -> {
                request.connection().close();
                return true;
            }
            default -> { return false; }
        }
    }

    boolean hasStatusFault() {
        return fault != null && fault.kind() == Fault.Kind.STATUS;
    }

    /** The status fault's answer: its raw body if it has one, else the dialect's error shape. */
    Reply statusFaultReply(Dialect dialect) {
        Reply.Plain shaped = dialect.error(fault.status(), "simulated fault: status " + fault.status());
        Reply.Plain reply = fault.body() == null ? shaped
                : new Reply.Plain(shaped.status(), shaped.headers(), Buffer.buffer(fault.body()), null);
        if (fault.retryAfter() == null) return reply;
        var headers = new java.util.HashMap<>(reply.headers());
        headers.put("retry-after", fault.retryAfter());
        return new Reply.Plain(reply.status(), headers, reply.body(), null);
    }

    void send(Reply reply) {
        after(timing.latencyMs(), () -> {
            switch (reply) {
                case Reply.Plain plain -> sendPlain(plain);
                case Reply.Stream stream -> sendStream(stream);
            }
        });
    }

    private void sendPlain(Reply.Plain reply) {
        long wait = reply.usage() == null ? 0
                : timing.ttftMs() + timing.generationMs((int) reply.usage().completionTokens());
        if (is(Fault.Kind.SLOW_CHUNKS)) wait += fault.delayMs();
        after(wait, () -> {
            if (response.closed()) return;
            response.setStatusCode(reply.status());
            reply.headers().forEach(response::putHeader);
            response.putHeader("content-type", "application/json");
            Buffer body = reply.body();
            if (is(Fault.Kind.RESET_MID_STREAM)) {
                // promise the whole body, deliver half, hang up: the client sees a truncated response
                response.putHeader("content-length", String.valueOf(body.length()));
                response.write(body.getBuffer(0, body.length() / 2)).onComplete(x -> request.connection().close());
                return;
            }
            if (is(Fault.Kind.MALFORMED_CHUNK)) body = body.getBuffer(0, body.length() / 2);
            response.end(body).onSuccess(v -> recorder.sent(model, reply.usage()));
        });
    }

    private void sendStream(Reply.Stream reply) {
        if (response.closed()) return;
        response.setStatusCode(200);
        reply.headers().forEach(response::putHeader);
        response.putHeader("content-type", "text/event-stream; charset=utf-8");
        response.putHeader("cache-control", "no-cache");
        response.setChunked(true);
        response.writeHead();
        pump(reply, 0, false);
    }

    /** Writes frames from {@code i} on; timers and drain handlers re-enter it, so it never blocks. */
    private void pump(Reply.Stream reply, int i, boolean waited) {
        List<Reply.Frame> frames = reply.frames();
        while (i < frames.size()) {
            if (response.closed()) return;
            Reply.Frame frame = frames.get(i);
            long wait = waited ? 0 : delayBefore(i, frame);
            if (wait > 0) {
                int at = i;
                vertx.setTimer(wait, t -> pump(reply, at, true));
                return;
            }
            waited = false;
            if (is(Fault.Kind.RESET_MID_STREAM) && i == fault.afterChunks()) {
                request.connection().close();
                return;
            }
            if (is(Fault.Kind.MALFORMED_CHUNK) && i == fault.afterChunks()) response.write(Buffer.buffer(MALFORMED_EVENT));
            response.write(frame.bytes());
            i++;
            if (response.writeQueueFull()) {
                int next = i;
                response.drainHandler(v -> pump(reply, next, false));
                return;
            }
        }
        response.end().onSuccess(v -> recorder.sent(model, reply.usage()));
    }

    private long delayBefore(int index, Reply.Frame frame) {
        long wait = index == 0 ? timing.ttftMs() : timing.generationMs(frame.tokens());
        return is(Fault.Kind.SLOW_CHUNKS) && index > 0 ? wait + fault.delayMs() : wait;
    }

    private boolean is(Fault.Kind kind) {
        return fault != null && fault.kind() == kind;
    }

    private void after(long ms, Runnable action) {
        if (ms <= 0) action.run();
        else vertx.setTimer(ms, t -> action.run());
    }
}
