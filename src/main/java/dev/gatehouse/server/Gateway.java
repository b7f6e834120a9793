package dev.gatehouse.server;

import dev.gatehouse.admin.AdminHandler;
import dev.gatehouse.admin.Bootstrap;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.config.ServerConfig;
import dev.gatehouse.forward.Failover;
import dev.gatehouse.forward.UpstreamClients;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.Pipeline;
import dev.gatehouse.providers.ProviderRegistry;
import dev.gatehouse.routing.RouteTable;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.transport.Transport;

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
    private final String transport;
    private final UpstreamClients clients;
    private final Subsystems subsystems;

    private Gateway(Vertx vertx, int port, String transport, UpstreamClients clients, Subsystems subsystems) {
        this.vertx = vertx;
        this.port = port;
        this.transport = transport;
        this.clients = clients;
        this.subsystems = subsystems;
    }

    public static Future<Gateway> start(GatewayConfig config) {
        return start(config, List.of());
    }

    /**
     * Vert.x's switch for its HTTP request decoder: the five commonest header names (host,
     * connection, content-type, content-length, accept) become shared lower-case constants instead
     * of a new string each per request. Header names are case-insensitive, so nothing a client or an
     * upstream sees changes. Routing only served more in seven interleaved rounds of nine, the medians
     * 1-5 % (docs/benchmarks/NOTES.md, "Where the time goes at 4ff84d7").
     */
    static final String INTERN_COMMON_HEADER_NAMES = "vertx.internCommonHttpRequestHeadersToLowerCase";

    /** Turns {@link #INTERN_COMMON_HEADER_NAMES} on unless the operator set it (the decoder reads it per connection). */
    static void internCommonHeaderNames() {
        if (System.getProperty(INTERN_COMMON_HEADER_NAMES) == null) System.setProperty(INTERN_COMMON_HEADER_NAMES, "true");
    }

    /**
     * Starts a gateway: opens the store and the other subsystems, builds the routes, and listens.
     * {@code extraStages} run after the subsystems' own stages, in order.
     */
    public static Future<Gateway> start(GatewayConfig config, List<GatewayStage> extraStages) {
        return start(config, null, extraStages);
    }

    /** Starts a gateway whose config was read from {@code configFile} (so that its policy can be reloaded). */
    public static Future<Gateway> start(GatewayConfig config, java.nio.file.Path configFile, List<GatewayStage> extraStages) {
        ServerConfig sc = config.server();
        Transport transport;
        RouteTable routes;
        Subsystems subsystems;
        List<GatewayStage> stages;
        try {
            transport = Transports.choose(sc.transport());
            routes = RouteTable.build(config, new ProviderRegistry());
            subsystems = Subsystems.open(config, configFile);
            subsystems.routes(routes);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        try {
            Bootstrap.firstRun(subsystems.keys(), System.out); // prints the first admin key once, on a new store
            stages = new ArrayList<>(subsystems.stages(config));
        } catch (RuntimeException e) {
            subsystems.close();
            return Future.failedFuture(e);
        }
        stages.addAll(extraStages);
        int loops = Math.max(1, sc.eventLoops());
        internCommonHeaderNames();
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(loops)).withTransport(transport).build();
        UpstreamClients clients = new UpstreamClients(vertx, routes.providers().values());
        Pipeline pipeline = new Pipeline(stages);
        ForwardHandler forward = new ForwardHandler(routes, pipeline, new Failover(vertx, clients, MAX_RESPONSE_BYTES), sc.maxBodyBytes());
        GatewayHandler handler = new GatewayHandler(forward, new ModelsHandler(routes, System.currentTimeMillis() / 1000), pipeline,
                new AdminHandler(subsystems));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(sc.host())
                // Vert.x shares one random port among its servers when asked with a negative port
                .setPort(sc.port() == 0 ? -1 : sc.port())
                .setTcpNoDelay(true)
                .setMaxHeaderSize(sc.maxHeaderBytes())
                .setMaxInitialLineLength(8 * 1024)
                .setCompressionSupported(false)
                // no WebSocket here: without these, Netty skips the extension handler on every request
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false);
        AtomicInteger actualPort = new AtomicInteger();
        return vertx.deployVerticle(() -> new ServerVerticle(handler, options, actualPort), new DeploymentOptions().setInstances(loops))
                .map(id -> new Gateway(vertx, actualPort.get(), transport.name(), clients, subsystems))
                .recover(e -> vertx.close().eventually(() -> {
                    subsystems.close();
                    return Future.succeededFuture();
                }).transform(v -> Future.failedFuture(e)));
    }

    public int port() { return port; }

    /** The network transport the event loops run on: {@code io_uring}, {@code epoll} or {@code nio}. */
    public String transport() { return transport; }

    public Vertx vertx() { return vertx; }

    /** The store and the stores of accounts, for the admin API, the CLI and tests. */
    public Subsystems subsystems() { return subsystems; }

    public Future<Void> close() {
        return clients.close().eventually(vertx::close).eventually(() -> {
            subsystems.close();
            return Future.succeededFuture();
        });
    }

    /** One HTTP server on one event loop. */
    private static final class ServerVerticle extends VerticleBase {
        private final Handler<HttpServerRequest> handler;
        private final HttpServerOptions options;
        private final AtomicInteger actualPort;

        ServerVerticle(Handler<HttpServerRequest> handler, HttpServerOptions options, AtomicInteger actualPort) {
            this.handler = handler;
            this.options = options;
            this.actualPort = actualPort;
        }

        @Override
        public Future<?> start() {
            HttpServer server = vertx.createHttpServer(options).requestHandler(handler).invalidRequestHandler(Gateway::invalid);
            return server.listen().onSuccess(s -> actualPort.set(s.actualPort()));
        }
    }

    /** Requests Netty could not decode (headers or request line too long, garbage): answer and close. */
    private static void invalid(HttpServerRequest request) {
        request.response().putHeader(RequestIds.HEADER, RequestIds.next());
        Throwable cause = request.decoderResult().cause();
        GatewayException e = cause instanceof TooLongHttpHeaderException
                ? new GatewayException(ErrorCode.HEADERS_TOO_LARGE, "The request headers are larger than this gateway accepts.")
                : cause instanceof TooLongHttpLineException
                ? GatewayException.invalid("The request line (URL) is longer than this gateway accepts.", null)
                : GatewayException.invalid("The HTTP request could not be decoded.", null);
        Responses.error(request, e, true);
    }
}
