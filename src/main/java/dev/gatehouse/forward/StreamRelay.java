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
    /** Whether a chunk that needs no change may go on as the text it came in (no tree, no re-serialising). */
    private final boolean asText;
    private boolean committed;
    private boolean over;
    /** Whether an upstream read (or its end) is being handled: the events it yields wait in {@link #batch}. */
    private boolean inRead;
    /**
     * The events of the read being handled, written to the client as one buffer when it has been:
     * a read that brings many events costs one write, not one each.
     */
    private Buffer batch;

    StreamRelay(RequestContext ctx, HttpClientResponse upstream, StreamTranslator translator, Listener listener) {
        this.ctx = ctx;
        this.client = ctx.http().response();
        this.upstream = upstream;
        this.translator = translator;
        this.listener = listener;
        this.normalizer = new ChunkNormalizer(ctx.clientWantsUsage(), ctx.body().get("messages"));
        this.parser = new SseParser(this::onEvent, MAX_EVENT_BYTES);
        this.textRewriter = ctx.responseFilter() == null ? null : new ResponseTextRewriter(ctx.responseFilter());
        this.asText = translator.emitsOpenAiChunks() && textRewriter == null;
    }

    boolean committed() { return committed; }

    void feed(Buffer data) {
        if (over) return;
        inRead = true;
        try {
            parser.feed(data);
        } catch (GatewayException e) {
            fail(e, true);
        } finally {
            inRead = false;
            flush();
        }
    }

    /** The upstream closed its response. */
    void end() {
        if (over) return;
        inRead = true;
        try {
            endOfStream();
        } finally {
            inRead = false;
            flush();
        }
    }

    private void endOfStream() {
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
            client.end(withBatch(Buffer.buffer(DATA).appendBytes(OpenAiErrors.bytes(error)).appendBytes(END_OF_EVENT)));
            listener.finished(usage, error);
        });
    }

    private void onEvent(String event, String data) {
        if (over) return;
        if (asText && !data.isEmpty() && data.charAt(0) == '{') {
            String text = normalizer.acceptText(data);
            if (text != null) {
                next(text.length() + 8).appendBytes(DATA).appendString(text).appendBytes(END_OF_EVENT);
                sent();
                return;
            }
        }
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
            client.end(withBatch(DONE));
            listener.finished(usage, null);
        });
    }

    private void write(ObjectNode chunk) {
        if (over) return;
        if (textRewriter != null) textRewriter.chunk(chunk);
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(chunk);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chunk tree always serialises", e);
        }
        next(json.length + 8).appendBytes(DATA).appendBytes(json).appendBytes(END_OF_EVENT);
        sent();
    }

    /** The buffer the next event goes into (this read's batch), the response committed first. */
    private Buffer next(int sizeHint) {
        if (!committed) commit();
        if (batch == null) batch = Buffer.buffer(sizeHint);
        return batch;
    }

    /** After an event: outside an upstream read it goes at once, else with the rest of the read. */
    private void sent() {
        if (!inRead) flush();
    }

    /** The batch, if any, with {@code last} after it, for the write that ends the response. */
    private Buffer withBatch(Buffer last) {
        if (batch == null) return last;
        Buffer all = batch.appendBuffer(last);
        batch = null;
        return all;
    }

    /** Writes the batch; pauses the upstream while the client is behind. */
    private void flush() {
        if (batch == null) return;
        Buffer events = batch;
        batch = null;
        client.write(events);
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
