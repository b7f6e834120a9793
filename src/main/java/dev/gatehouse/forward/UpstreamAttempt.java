package dev.gatehouse.forward;

import dev.gatehouse.api.BodyBuffer;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.config.Timeouts;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.providers.ProviderAdapter;
import dev.gatehouse.providers.TranslatedResponse;
import dev.gatehouse.providers.UpstreamRequest;
import dev.gatehouse.routing.AttemptFailure;
import dev.gatehouse.routing.Deployment;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * One attempt at one deployment: sends the request, enforces the four timeouts (connect, first
 * byte, idle between chunks, total), reads a complete body or relays a stream, and ends with an
 * {@link AttemptResult} or an {@link AttemptException}. Runs on the client request's event loop.
 */
final class UpstreamAttempt extends AttemptDeadlines.Entry implements StreamRelay.Listener {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final Vertx vertx;
    private final HttpClient client;
    private final RequestContext ctx;
    private final Deployment deployment;
    private final ProviderAdapter adapter;
    private final Timeouts timeouts;
    private final long maxResponseBytes;
    private final Promise<AttemptResult> promise = Promise.promise();

    private HttpClientRequest request;
    private StreamRelay relay;
    /** Watches this attempt's nearest deadline; set when it starts. */
    private AttemptDeadlines deadlines;
    private long startNanos;
    private long headersNanos;
    private long lastActivity;
    private boolean paused;
    private boolean done;

    UpstreamAttempt(Vertx vertx, HttpClient client, RequestContext ctx, Deployment deployment, long maxResponseBytes) {
        this.vertx = vertx;
        this.client = client;
        this.ctx = ctx;
        this.deployment = deployment;
        this.adapter = deployment.provider().adapter();
        this.timeouts = deployment.timeouts();
        this.maxResponseBytes = maxResponseBytes;
    }

    Future<AttemptResult> start() {
        UpstreamRequest up;
        try {
            up = adapter.toUpstream(ctx.operation(), ctx.body(), ctx.asReceived(), deployment.upstreamModel(), ctx.stream());
        } catch (GatewayException e) {
            return Future.failedFuture(new AttemptException(new AttemptFailure.Status(400, e)));
        }
        RequestOptions options = UpstreamTargets.optionsFor(up.uri())
                .setMethod(up.method())
                .setHeaders(up.headers())
                .setConnectTimeout(timeouts.connectMs());
        startNanos = System.nanoTime();
        deadlines = AttemptDeadlines.current();
        deadlines.join(vertx, this, startNanos + TimeUnit.MILLISECONDS.toNanos(Math.min(timeouts.totalMs(), timeouts.firstByteMs())));
        client.request(options).onComplete(ar -> {
            if (done) {
                if (ar.succeeded()) ar.result().reset();
                return;
            }
            if (ar.failed()) {
                fail(connectFailure(ar.cause()));
                return;
            }
            request = ar.result();
            request.send(up.body()).onComplete(rar -> {
                if (done) return;
                if (rar.failed()) fail(new AttemptFailure.Broken(broken("the connection to the provider failed")));
                else onResponse(rar.result());
            });
        });
        return promise.future();
    }

    /** The client went away: stop the upstream work and end this attempt quietly. */
    void cancel() {
        if (done) return;
        done = true;
        stopWatching();
        if (request != null) request.reset();
        promise.tryFail(ClientGoneException.INSTANCE);
    }

    private void onResponse(HttpClientResponse response) {
        touch();
        headersNanos = lastActivity;
        response.exceptionHandler(e -> {
            GatewayException error = broken("the connection to the provider broke mid-response");
            if (relay != null) relay.fail(error, true);
            else fail(new AttemptFailure.Broken(error));
        });
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            collect(response, MAX_ERROR_BODY, body ->
                    fail(classify(status, adapter.mapError(status, response.headers(), body))));
            return;
        }
        if (ctx.stream() && isEventStream(response.getHeader(HttpHeaders.CONTENT_TYPE))) {
            // The stream ends (and is metered in beforeFinish) before this attempt completes: say now who serves it.
            ctx.servedBy(deployment);
            relay = new StreamRelay(ctx, response, adapter.newStreamTranslator(deployment.upstreamModel()), this);
            response.handler(buf -> {
                touch();
                relay.feed(buf);
            });
            response.endHandler(v -> relay.end());
            return;
        }
        collect(response, maxResponseBytes, body -> {
            TranslatedResponse translated;
            try {
                translated = adapter.fromUpstream(ctx.operation(), body, deployment.upstreamModel(), ctx.body());
            } catch (GatewayException e) {
                fail(AttemptFailure.fromAdapter(e));
                return;
            }
            if (ctx.stream()) {
                fail(new AttemptFailure.Broken(broken("the provider answered a stream request without streaming")));
                return;
            }
            succeed(new AttemptResult.Complete(translated));
        });
    }

    /** Reads a whole body up to {@code limit} bytes; beyond it the attempt fails as unreadable. */
    private void collect(HttpClientResponse response, long limit, java.util.function.Consumer<Buffer> then) {
        BodyBuffer body = new BodyBuffer();
        response.handler(buf -> {
            touch();
            if (done) return;
            if (body.length() + buf.length() > limit) {
                fail(new AttemptFailure.Broken(broken("the provider's response exceeded " + limit + " bytes")));
                return;
            }
            body.append(buf);
        });
        response.endHandler(v -> {
            if (!done) then.accept(body.body());
        });
    }

    @Override
    public void failedBeforeCommit(GatewayException error, boolean unreadable) {
        fail(unreadable ? new AttemptFailure.Broken(error) : AttemptFailure.fromAdapter(error));
    }

    @Override
    public void finished(Usage usage, GatewayException errorAfterCommit) {
        if (errorAfterCommit != null && request != null) request.reset();
        succeed(new AttemptResult.Streamed(usage, errorAfterCommit));
    }

    @Override
    public void paused(boolean paused) {
        this.paused = paused;
        touch();
    }

    private void timedOut(String what) {
        stopWatching(); // a stream's error event takes a moment to end it: no second timeout meanwhile
        if (done) return;
        GatewayException error = new GatewayException(ErrorCode.UPSTREAM_TIMEOUT,
                "the provider did not answer in time: " + what);
        if (relay != null && relay.committed()) {
            relay.fail(error, false); // ends the client's stream with an error event, then finished()
        } else {
            fail(new AttemptFailure.Timeout(error));
        }
    }

    /**
     * At or after the nearest deadline: times the attempt out, or says when the next one is. Never
     * called once the attempt is done: everything that ends it leaves the list first.
     */
    @Override
    long due(long now) {
        long total = startNanos + TimeUnit.MILLISECONDS.toNanos(timeouts.totalMs());
        if (now - total >= 0) {
            timedOut("the whole exchange took over " + timeouts.totalMs() + " ms");
            return now;
        }
        long next;
        if (headersNanos == 0) {
            next = startNanos + TimeUnit.MILLISECONDS.toNanos(timeouts.firstByteMs());
            if (now - next >= 0) {
                timedOut("no response within " + timeouts.firstByteMs() + " ms");
                return now;
            }
        } else {
            // a paused upstream (the client reads slowly) is not an idle upstream
            next = (paused ? now : lastActivity) + TimeUnit.MILLISECONDS.toNanos(timeouts.idleMs());
            if (now - next >= 0) {
                timedOut("no data for " + timeouts.idleMs() + " ms");
                return now;
            }
        }
        return next - total < 0 ? next : total;
    }

    private static boolean isEventStream(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
    }

    private void touch() { lastActivity = System.nanoTime(); }

    private void succeed(AttemptResult result) {
        if (done) return;
        done = true;
        stopWatching();
        promise.tryComplete(result);
    }

    private void fail(AttemptFailure failure) {
        if (done) return;
        done = true;
        stopWatching();
        if (request != null) request.reset(); // the connection may hold a half-read response: never reuse it
        promise.tryFail(new AttemptException(failure));
    }

    private void stopWatching() {
        if (deadlines != null) deadlines.leave(this);
    }

    private static AttemptFailure classify(int status, GatewayException error) {
        return status == 408 ? new AttemptFailure.Timeout(error) : new AttemptFailure.Status(status, error);
    }

    private AttemptFailure connectFailure(Throwable cause) {
        String message = cause instanceof UnknownHostException ? "the provider's host name could not be resolved"
                : cause instanceof ConnectException ? "the provider refused the connection"
                : cause.getClass().getSimpleName().contains("Timeout")
                ? "no connection to the provider within " + timeouts.connectMs() + " ms"
                : "could not connect to the provider";
        GatewayException error = new GatewayException(ErrorCode.UPSTREAM_UNAVAILABLE, message + " (" + deployment.provider().name() + ")");
        return cause.getClass().getSimpleName().contains("Timeout")
                ? new AttemptFailure.Timeout(error.withCode(ErrorCode.UPSTREAM_TIMEOUT, error.getMessage()))
                : new AttemptFailure.Connect(error);
    }

    private GatewayException broken(String message) {
        return new GatewayException(ErrorCode.UPSTREAM_BAD_RESPONSE, message + " (" + deployment.provider().name() + ")");
    }
}
