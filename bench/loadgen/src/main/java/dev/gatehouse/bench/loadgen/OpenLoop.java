package dev.gatehouse.bench.loadgen;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.transport.Transport;
import io.netty.channel.EventLoop;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Constant-rate, open-model load: request {@code i} is due at {@code start + i / rate}, whatever
 * happened to earlier ones, and its latency is measured from that intended start, not from when
 * it could be sent. A stalled server therefore shows up as latency (no coordinated omission):
 * requests that find every connection busy wait in the client's queue and the wait counts.
 *
 * <p>Everything runs on one event loop. After sending what has come due it sets a timer for the
 * next request's intended start, to the nanosecond: on a native transport (io_uring where the kernel allows it,
 * {@code --transport}) the kernel wakes it within microseconds, where Java NIO's selector rounds
 * a timeout up to whole milliseconds. A coarse tick would add up to a tick to every request's
 * latency, direct access's too, and bunch requests into bursts that queue behind each other.
 *
 * <p>Prints one line of {@code key=value} pairs; latencies in microseconds. It also reports what
 * the generator itself did while measuring: its garbage collections and JIT compilation, which
 * delay every request in flight whatever the server does, so that a report can tell the server's
 * tail from the generator's.
 */
final class OpenLoop {
    private static final long HIGHEST_US = TimeUnit.SECONDS.toMicros(120);

    private final Histogram latency = new Histogram(HIGHEST_US, 3);
    private final Histogram ttfb = new Histogram(HIGHEST_US, 3);
    /** How late each request went out after its intended start: the generator's own precision. */
    private final Histogram sendLag = new Histogram(HIGHEST_US, 3);
    private final HttpClientAgent client;
    private final RequestOptions request;
    private final Buffer body;
    private final long periodNanos;
    private long startNanos;
    private long measureFromNanos;
    private long endNanos;
    private long next;
    private long sent;
    private long done;
    private long ok;
    private long errors;
    private long inflight;
    private String firstError;
    private final SelfCost self = new SelfCost();
    private EventLoop eventLoop;

    private OpenLoop(HttpClientAgent client, RequestOptions request, Buffer body, double rate) {
        this.client = client;
        this.request = request;
        this.body = body;
        this.periodNanos = (long) (1e9 / rate);
    }

    static void run(Args a) throws Exception {
        double rate = a.decimal("rate", 1000);
        double seconds = a.decimal("duration", 10);
        double warmup = a.decimal("warmup", 2);
        int connections = a.integer("connections", 64);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("content-type", "application/json");
        for (String h : a.all("header")) {
            int colon = h.indexOf(':');
            headers.add(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(a.get("body"))));
        Transport transport = NetworkTransport.named(a.get("transport", "auto"));
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1))
                .withTransport(transport).build();
        HttpClientAgent client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setKeepAliveTimeout(120),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(a.get("url")).setHeaders(headers);
        OpenLoop loop = new OpenLoop(client, request, body, rate);
        CompletableFuture<Void> finished = new CompletableFuture<>();
        vertx.runOnContext(v -> loop.start(vertx, warmup, seconds, finished));
        finished.get();
        System.out.println(loop.summary(rate, seconds) + " " + loop.self.summary() + " gen_transport=" + transport.name());
        if (loop.firstError != null) System.err.println("loadgen: first error: " + loop.firstError);
        vertx.close().await();
    }

    private void start(Vertx vertx, double warmup, double seconds, CompletableFuture<Void> finished) {
        eventLoop = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
        startNanos = System.nanoTime();
        measureFromNanos = startNanos + (long) (warmup * 1e9);
        endNanos = measureFromNanos + (long) (seconds * 1e9);
        tick(vertx, finished);
    }

    /** Sends every request that has come due, then sleeps until the next one's intended start. */
    private void tick(Vertx vertx, CompletableFuture<Void> finished) {
        long now = System.nanoTime();
        long intended;
        while ((intended = startNanos + next * periodNanos) <= now && intended < endNanos) {
            if (intended >= measureFromNanos) {
                if (!self.started()) self.start();
                sendLag.recordValue(Math.min(HIGHEST_US, (now - intended) / 1000));
            }
            send(intended);
            next++;
        }
        if (intended >= endNanos) {
            self.end();
            drain(vertx, now, finished);
        } else {
            eventLoop.schedule(() -> tick(vertx, finished), intended - now, TimeUnit.NANOSECONDS);
        }
    }

    /** Waits up to 5 s for requests in flight; the ones still out then count as errors. */
    private void drain(Vertx vertx, long since, CompletableFuture<Void> finished) {
        vertx.setPeriodic(5, id -> {
            long now = System.nanoTime();
            if (inflight == 0 || now - since > 5_000_000_000L) {
                vertx.cancelTimer(id);
                if (inflight > 0 && firstError == null) firstError = inflight + " requests still in flight after the run";
                errors += inflight;
                finished.complete(null);
            }
        });
    }

    private void send(long intended) {
        sent++;
        inflight++;
        boolean measured = intended >= measureFromNanos;
        long[] firstByte = {0};
        client.request(request)
                .compose(req -> req.send(body))
                .compose((HttpClientResponse resp) -> {
                    resp.handler(chunk -> { if (firstByte[0] == 0) firstByte[0] = System.nanoTime(); });
                    return resp.end().map(v -> resp.statusCode());
                })
                .onComplete(ar -> {
                    long now = System.nanoTime();
                    inflight--;
                    done++;
                    if (ar.succeeded() && ar.result() == 200) {
                        ok++;
                        if (measured) {
                            latency.recordValue(Math.min(HIGHEST_US, (now - intended) / 1000));
                            long fb = firstByte[0] != 0 ? firstByte[0] : now;
                            ttfb.recordValue(Math.min(HIGHEST_US, (fb - intended) / 1000));
                        }
                    } else {
                        errors++;
                        if (firstError == null) firstError = ar.succeeded() ? "HTTP " + ar.result() : String.valueOf(ar.cause());
                    }
                });
    }

    private String summary(double rate, double seconds) {
        long measured = latency.getTotalCount();
        return String.format(Locale.ROOT,
                "target_rps=%.0f sent=%d done=%d ok=%d errors=%d measured=%d achieved_rps=%.1f "
                        + "p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d "
                        + "ttfb_p50_us=%d ttfb_p99_us=%d ttfb_p999_us=%d send_lag_p50_us=%d send_lag_p99_us=%d",
                rate, sent, done, ok, errors, measured, measured / seconds,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue(),
                ttfb.getValueAtPercentile(50), ttfb.getValueAtPercentile(99), ttfb.getValueAtPercentile(99.9),
                sendLag.getValueAtPercentile(50), sendLag.getValueAtPercentile(99));
    }
}
