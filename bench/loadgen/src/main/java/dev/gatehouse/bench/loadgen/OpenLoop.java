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
 * <p>Everything runs on one event loop: a 1 ms timer sends every request that has come due.
 * Prints one line of {@code key=value} pairs; latencies in microseconds.
 */
final class OpenLoop {
    private static final long HIGHEST_US = TimeUnit.SECONDS.toMicros(120);

    private final Histogram latency = new Histogram(HIGHEST_US, 3);
    private final Histogram ttfb = new Histogram(HIGHEST_US, 3);
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
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClientAgent client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setKeepAliveTimeout(120),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(a.get("url")).setHeaders(headers);
        OpenLoop loop = new OpenLoop(client, request, body, rate);
        CompletableFuture<Void> finished = new CompletableFuture<>();
        vertx.runOnContext(v -> loop.start(vertx, warmup, seconds, finished));
        finished.get();
        System.out.println(loop.summary(rate, seconds));
        if (loop.firstError != null) System.err.println("loadgen: first error: " + loop.firstError);
        vertx.close().await();
    }

    private void start(Vertx vertx, double warmup, double seconds, CompletableFuture<Void> finished) {
        startNanos = System.nanoTime();
        measureFromNanos = startNanos + (long) (warmup * 1e9);
        endNanos = measureFromNanos + (long) (seconds * 1e9);
        vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            long intended;
            while ((intended = startNanos + next * periodNanos) <= now && intended < endNanos) {
                send(intended);
                next++;
            }
            if (intended >= endNanos) {
                vertx.cancelTimer(id);
                drain(vertx, now, finished);
            }
        });
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
                        + "ttfb_p50_us=%d ttfb_p99_us=%d ttfb_p999_us=%d",
                rate, sent, done, ok, errors, measured, measured / seconds,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue(),
                ttfb.getValueAtPercentile(50), ttfb.getValueAtPercentile(99), ttfb.getValueAtPercentile(99.9));
    }
}
