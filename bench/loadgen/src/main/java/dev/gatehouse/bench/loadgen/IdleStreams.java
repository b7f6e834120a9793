package dev.gatehouse.bench.loadgen;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@code --streams} streaming requests (each on its own connection), waits until each has
 * received its first chunk, lets the process {@code --pid} settle, and prints its RSS: the memory
 * a gateway needs to hold that many idle streams.
 */
final class IdleStreams {
    private IdleStreams() {}

    static void run(Args a) throws Exception {
        int streams = a.integer("streams", 10_000);
        int openRate = a.integer("open-rate", 2_000);
        long pid = Long.parseLong(a.get("pid"));
        double settle = a.decimal("settle", 3);
        double timeout = a.decimal("timeout", 60);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("content-type", "application/json");
        for (String h : a.all("header")) {
            int colon = h.indexOf(':');
            headers.add(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(a.get("body"))));
        long rssBefore = status(pid, "VmRSS");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClientAgent client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0).setConnectTimeout(30_000),
                new PoolOptions().setHttp1MaxSize(streams).setMaxWaitQueueSize(-1));
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(a.get("url"))
                .setHeaders(headers).setIdleTimeout(0);
        CountDownLatch firstChunks = new CountDownLatch(streams);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        long started = System.nanoTime();
        // paced opening, so the accept queue and the upstream are not the thing being measured
        vertx.setPeriodic(1, id -> {
            long due = Math.min(streams, (System.nanoTime() - started) * openRate / 1_000_000_000L + 1);
            while (opened.get() < due) {
                opened.incrementAndGet();
                client.request(request).compose(req -> req.send(body)).onComplete(ar -> {
                    if (ar.failed() || ar.result().statusCode() != 200) {
                        failures.incrementAndGet();
                        if (failures.get() == 1) System.err.println("idle-streams: first failure: "
                                + (ar.failed() ? ar.cause() : "HTTP " + ar.result().statusCode()));
                        return;
                    }
                    boolean[] seen = {false};
                    ar.result().handler(chunk -> { if (!seen[0]) { seen[0] = true; firstChunks.countDown(); } });
                });
            }
            if (opened.get() >= streams) vertx.cancelTimer(id);
        });
        firstChunks.await((long) (timeout * 1000), TimeUnit.MILLISECONDS);
        long open = streams - firstChunks.getCount();
        Thread.sleep((long) (settle * 1000));
        System.out.printf("streams=%d open=%d failures=%d rss_before_kib=%d rss_kib=%d hwm_kib=%d%n",
                streams, open, failures.get(), rssBefore, status(pid, "VmRSS"), status(pid, "VmHWM"));
        System.out.flush();
        Runtime.getRuntime().halt(0); // closing 10,000 connections one by one is not worth the wait
    }

    /** A {@code kB} field of /proc/PID/status. */
    static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
