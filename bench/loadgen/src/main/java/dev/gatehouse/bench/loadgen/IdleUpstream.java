package dev.gatehouse.bench.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;

/**
 * An upstream that answers every request with the head of an SSE stream and one chunk, then
 * stays silent: it holds streams open so the gateway's memory per idle stream can be measured.
 * Listens on {@code --ports} consecutive ports from {@code --port} (127.0.0.1 only).
 */
final class IdleUpstream {
    private static final String FIRST_CHUNK = "data: {\"id\":\"chatcmpl-idle\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
            + "\"content\":\"\"},\"finish_reason\":null}]}\n\n";

    private IdleUpstream() {}

    static void run(Args a) throws Exception {
        int port = a.integer("port", 9300);
        int ports = a.integer("ports", 1);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        for (int p = port; p < port + ports; p++) {
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(p).setIdleTimeout(0))
                    .requestHandler(req -> req.end().onSuccess(v -> {
                        req.response().setChunked(true).putHeader("content-type", "text/event-stream")
                                .putHeader("cache-control", "no-cache");
                        req.response().write(FIRST_CHUNK);
                    }))
                    .listen().await();
        }
        System.out.println("idle upstream listening on 127.0.0.1:" + port + ".." + (port + ports - 1));
        Thread.currentThread().join();
    }
}
