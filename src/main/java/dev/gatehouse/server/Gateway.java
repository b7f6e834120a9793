package dev.gatehouse.server;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.auth.ConfigKeyAuthenticator;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.config.ServerConfig;
import dev.gatehouse.forward.Failover;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.Pipeline;
import dev.gatehouse.providers.ProviderRegistry;
import dev.gatehouse.routing.RouteTable;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running gateway: one Vert.x instance, one HTTP server per event loop sharing the port, one
 * pooled upstream client, and everything built from the config once, before the first request.
 */
public final class Gateway {
    /** The longest upstream body the gateway will buffer for a non-streamed response. */
    private static final long MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    private final Vertx vertx;
    private final int port;

    private Gateway(Vertx vertx, int port) {
        this.vertx = vertx;
        this.port = port;
    }

    public static Future<Gateway> start(GatewayConfig config) {
        return start(config, List.of());
    }

    /**
     * Starts a gateway. {@code extraStages} run after authentication, in order (the later issues'
     * policy, limits, metering and audit stages plug in here).
     */
    public static Future<Gateway> start(GatewayConfig config, List<GatewayStage> extraStages) {
        ServerConfig sc = config.server();
        RouteTable routes;
        List<GatewayStage> stages = new ArrayList<>();
        try {
            routes = RouteTable.build(config, new ProviderRegistry());
            stages.add(new ConfigKeyAuthenticator(config.apiKeys()));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        stages.addAll(extraStages);
        int loops = Math.max(1, sc.eventLoops());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        HttpClientAgent client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setKeepAliveTimeout(60)
                        .setMaxInitialLineLength(16 * 1024).setMaxHeaderSize(64 * 1024).setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(-1));
        Pipeline pipeline = new Pipeline(stages);
        ForwardHandler forward = new ForwardHandler(routes, pipeline, new Failover(vertx, client, MAX_RESPONSE_BYTES), sc.maxBodyBytes());
        GatewayHandler handler = new GatewayHandler(forward, new ModelsHandler(routes, System.currentTimeMillis() / 1000), pipeline);
        // Port 0 would give every server its own random port; Vert.x gives the servers listening on
        // one negative port a single shared random port instead.
        HttpServerOptions options = new HttpServerOptions()
                .setHost(sc.host())
                .setPort(sc.port() == 0 ? -1 : sc.port())
                .setTcpNoDelay(true)
                .setMaxHeaderSize(sc.maxHeaderBytes())
                .setMaxInitialLineLength(8 * 1024)
                .setCompressionSupported(false);
        AtomicInteger bound = new AtomicInteger();
        // A promise bound to no context: after a failed start Vert.x is closed, and a future bound to
        // one of its event loops would never tell the caller.
        Promise<Gateway> started = Promise.promise();
        vertx.deployVerticle(() -> new ServerVerticle(handler, options, bound), new DeploymentOptions().setInstances(loops))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        started.complete(new Gateway(vertx, bound.get()));
                    } else {
                        started.fail(ar.cause());
                        vertx.close();
                    }
                });
        return started.future();
    }

    public int port() { return port; }

    public Vertx vertx() { return vertx; }

    public Future<Void> close() { return vertx.close(); }

    /** One HTTP server on one event loop. */
    private static final class ServerVerticle extends VerticleBase {
        private final Handler<HttpServerRequest> handler;
        private final HttpServerOptions options;
        private final AtomicInteger bound;

        ServerVerticle(Handler<HttpServerRequest> handler, HttpServerOptions options, AtomicInteger bound) {
            this.handler = handler;
            this.options = options;
            this.bound = bound;
        }

        @Override
        public Future<?> start() {
            HttpServer server = vertx.createHttpServer(options).requestHandler(handler).invalidRequestHandler(Gateway::invalid);
            return server.listen().onSuccess(s -> bound.set(s.actualPort()));
        }
    }

    /** Requests Netty could not decode (headers or request line too long, garbage): answer and close. */
    private static void invalid(HttpServerRequest request) {
        request.response().putHeader("x-request-id", RequestIds.of(request));
        Throwable cause = request.decoderResult().cause();
        GatewayException e = cause instanceof TooLongHttpHeaderException
                ? new GatewayException(ErrorCode.HEADERS_TOO_LARGE, "The request headers are larger than this gateway accepts.")
                : cause instanceof TooLongHttpLineException
                ? GatewayException.invalid("The request line (URL) is longer than this gateway accepts.", null)
                : GatewayException.invalid("The HTTP request could not be decoded.", null);
        Responses.error(request, e, true);
    }
}
