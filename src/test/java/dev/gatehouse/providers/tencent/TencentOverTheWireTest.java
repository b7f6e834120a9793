package dev.gatehouse.providers.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Operation;
import dev.gatehouse.providers.UpstreamRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.gatehouse.providers.tencent.TencentTestKit.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends a built request through a real Vert.x client to a local server and checks that what
 * arrives is what was signed: one Host header with the signed value, the signed content type, the
 * body bytes unchanged. This is the part a pure unit test cannot see.
 */
class TencentOverTheWireTest {
    private Vertx vertx;
    private HttpServer server;
    private final CompletableFuture<Received> received = new CompletableFuture<>();

    private record Received(MultiMap headers, Buffer body) {
    }

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    received.complete(new Received(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body));
                    req.response().putHeader("content-type", "application/json").end("{}");
                }))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_deliver_exactly_the_signed_host_content_type_and_body() throws Exception {
        String host = "127.0.0.1:" + server.actualPort();
        TencentAdapter adapter = adapter("http://" + host);
        UpstreamRequest up = adapter.toUpstream(Operation.CHAT, (ObjectNode) parse("""
                {"model":"m","messages":[{"role":"user","content":"你好, 世界"}]}"""), "hunyuan-lite", true);

        HttpClient client = vertx.createHttpClient();
        // body() nested inside send()'s callback: chained after it from this (non-Vert.x) thread, the
        // response can end before body() is attached, and its future never completes (eclipse-vertx/vert.x#4705)
        client.request(new RequestOptions().setMethod(up.method()).setAbsoluteURI(up.uri()).setHeaders(up.headers()))
                .compose(req -> req.send(up.body()).compose(HttpClientResponse::body))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Received r = received.get(10, TimeUnit.SECONDS);

        assertThat(r.headers().getAll("Host")).containsExactly(host);
        assertThat(r.headers().getAll("Content-Type")).containsExactly(Tc3Signer.CONTENT_TYPE);
        assertThat(r.body().getBytes()).isEqualTo(up.body().getBytes());
        // what a verifier does: recompute from what arrived
        Tc3Signer verifier = new Tc3Signer(SECRET_ID, SECRET_KEY, "hunyuan", CLOCK, Tc3Signer.SignedHeaders.CONTENT_TYPE_HOST_AND_ACTION);
        assertThat(r.headers().get("Authorization"))
                .isEqualTo(verifier.sign(r.headers().get("Host"), r.headers().get("X-TC-Action"), r.body().getBytes()).authorization());
        assertThat(r.headers().get("X-TC-Timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
    }
}
