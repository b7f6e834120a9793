package dev.gatehouse.bench.loadgen;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.transport.Transport;

/**
 * The benchmark's {@code vertx-proxy} contender: the least a gateway on Vert.x must do per request,
 * and nothing of Gatehouse's. It reads the client's whole body (a gateway must, to see the model),
 * sends it upstream on a pooled keep-alive connection, and answers with the upstream's whole JSON
 * body (a gateway reads it for the usage) or relays an SSE stream chunk by chunk. No parsing, no
 * checks, no records.
 * <p>bench/run.sh starts it on Gatehouse's own jar, so it runs the same Vert.x, Netty and
 * transport with the same JVM options and one event loop: the gap between it and nginx is the
 * JVM's HTTP stack, the gap between it and gatehouse-routing is Gatehouse's own work.
 */
final class VertxProxy {
    private static final String EVENT_STREAM = "text/event-stream";
    private static final CharSequence[] FORWARDED = {HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION};

    private VertxProxy() {}

    static void run(Args a) {
        int port = a.integer("port", 9400);
        int upstreamPort = a.integer("upstream-port", 9401);
        Transport transport = NetworkTransport.named(a.get("transport", "auto"));
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1)).withTransport(transport).build();
        // Gatehouse's default pool per provider: 1,024 connections, requests queue beyond them
        HttpClientAgent client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(upstreamPort))
                .with(new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(-1))
                .build();
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(req -> req.body().onSuccess(body -> forward(client, req, body)))
                .listen().await();
        System.out.println("vertx proxy listening on 127.0.0.1:" + port + " (" + transport.name() + ")");
    }

    private static void forward(HttpClientAgent client, HttpServerRequest req, Buffer body) {
        HttpServerResponse out = req.response();
        client.request(HttpMethod.POST, req.uri())
                .compose(up -> {
                    // the two headers a provider needs, as the client sent them
                    for (CharSequence name : FORWARDED) {
                        String value = req.getHeader(name);
                        if (value != null) up.putHeader(name, value);
                    }
                    return up.send(body);
                })
                .onSuccess(resp -> relay(resp, out))
                .onFailure(e -> out.setStatusCode(502).end());
    }

    private static void relay(HttpClientResponse resp, HttpServerResponse out) {
        out.setStatusCode(resp.statusCode());
        String type = resp.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null) out.putHeader(HttpHeaders.CONTENT_TYPE, type);
        if (type != null && type.startsWith(EVENT_STREAM)) {
            out.setChunked(true);
            resp.pipeTo(out);
        } else {
            resp.body().onSuccess(out::end).onFailure(e -> out.setStatusCode(502).end());
        }
    }
}
