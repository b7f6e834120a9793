package dev.gatehouse.forward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChunkNormalizer;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.OpenAiErrors;
import dev.gatehouse.api.ResponseTextRewriter;
import dev.gatehouse.api.SseParser;
import dev.gatehouse.api.Usage;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.providers.StreamTranslator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;

/**
 * Relays one upstream event stream to the client as OpenAI chunks, each as soon as it arrives.
 * Nothing reaches the client until the first chunk is ready, so a failure before then can still
 * fail over; after it, failures end the stream with an OpenAI {@code data: {"error":...}} event.
 * Backpressure: when the client's write queue is full, the upstream socket is paused.
 */
final class StreamRelay {
    /** What the relay tells its attempt. */
    interface Listener {
        void failedBeforeCommit(GatewayException error, boolean unreadable);

        void finished(Usage usage, GatewayException errorAfterCommit);

        void paused(boolean paused);
    }

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
    private static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

    private final RequestContext ctx;
    private final HttpServerResponse client;
    private final HttpClientResponse upstream;
    private final StreamTranslator translator;
    private final ChunkNormalizer normalizer;
    private final SseParser parser;
    private final Listener listener;
    /** Filters the text of each chunk when the request asked for it (redaction restored), else null. */
    private final ResponseTextRewriter textRewriter;
    private boolean committed;
    private boolean over;

    StreamRelay(RequestContext ctx, HttpClientResponse upstream, StreamTranslator translator, Listener listener) {
        this.ctx = ctx;
        this.client = ctx.http().response();
        this.upstream = upstream;
        this.translator = translator;
        this.listener = listener;
        this.normalizer = new ChunkNormalizer(ctx.clientWantsUsage(), ctx.body().get("messages"));
        this.parser = new SseParser(this::onEvent, MAX_EVENT_BYTES);
        this.textRewriter = ctx.responseFilter() == null ? null : new ResponseTextRewriter(ctx.responseFilter());
    }

    boolean committed() { return committed; }

    void feed(Buffer data) {
        if (over) return;
        try {
            parser.feed(data);
        } catch (GatewayException e) {
            fail(e, true);
        }
    }

    /** The upstream closed its response. */
    void end() {
        if (over) return;
        try {
            parser.end();
        } catch (GatewayException e) {
            fail(e, true);
            return;
        }
        if (over) return;
        if (normalizer.sawFinish()) {
            finish(); // some providers end without [DONE]; a finish_reason is enough
        } else {
            fail(new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider closed the stream before it finished"), true);
        }
    }

    /** The attempt failed (timeout, reset); ends the stream the right way for its stage. */
    void fail(GatewayException error, boolean unreadable) {
        if (over) return;
        over = true;
        if (!committed) {
            listener.failedBeforeCommit(error, unreadable);
            return;
        }
        Usage usage = normalizer.usage();
        ctx.failed(error, usage);
        ctx.beforeFinish().onComplete(durable -> {
            client.write(Buffer.buffer(DATA).appendBytes(OpenAiErrors.bytes(error)).appendBytes(END_OF_EVENT));
            client.end();
            listener.finished(usage, error);
        });
    }

    private void onEvent(String event, String data) {
        if (over) return;
        boolean last;
        try {
            last = translator.onEvent(event, data, chunk -> normalizer.accept(chunk, this::write));
        } catch (GatewayException e) {
            fail(e, e.code() == ErrorCode.UPSTREAM_BAD_RESPONSE);
            return;
        } catch (RuntimeException e) {
            fail(new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, "the provider sent an unreadable stream event"), true);
            return;
        }
        if (last) finish();
    }

    private void finish() {
        if (over) return;
        ObjectNode usageChunk = normalizer.finalUsageChunk();
        if (usageChunk != null) write(usageChunk);
        if (!committed) commit();
        over = true;
        Usage usage = normalizer.usage();
        ctx.succeeded(200, usage);
        ctx.beforeFinish().onComplete(durable -> {
            client.end(DONE);
            listener.finished(usage, null);
        });
    }

    private void write(ObjectNode chunk) {
        if (over) return;
        if (!committed) commit();
        if (textRewriter != null) textRewriter.chunk(chunk);
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(chunk);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chunk tree always serialises", e);
        }
        client.write(Buffer.buffer(json.length + 8).appendBytes(DATA).appendBytes(json).appendBytes(END_OF_EVENT));
        if (client.writeQueueFull()) {
            upstream.pause();
            listener.paused(true);
            client.drainHandler(v -> {
                listener.paused(false);
                upstream.resume();
            });
        }
    }

    private void commit() {
        committed = true;
        ctx.markFirstByte();
        client.setStatusCode(200)
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
