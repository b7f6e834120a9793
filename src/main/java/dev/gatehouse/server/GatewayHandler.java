package dev.gatehouse.server;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import dev.gatehouse.pipeline.Pipeline;
import dev.gatehouse.pipeline.RequestContext;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/** Dispatches by path. Shared by every event loop; holds only immutable, thread-safe parts. */
final class GatewayHandler implements Handler<HttpServerRequest> {
    private static final Buffer HEALTHY = Buffer.buffer("{\"status\":\"ok\"}");

    private final ForwardHandler forward;
    private final ModelsHandler models;
    private final Pipeline pipeline;
    private final Handler<HttpServerRequest> admin;

    GatewayHandler(ForwardHandler forward, ModelsHandler models, Pipeline pipeline, Handler<HttpServerRequest> admin) {
        this.forward = forward;
        this.models = models;
        this.pipeline = pipeline;
        this.admin = admin;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String id = RequestIds.next();
        request.response().putHeader(RequestIds.HEADER, id);
        String path = request.path();
        switch (path) {
            case "/v1/chat/completions" -> forwardIfPost(request, id, Operation.CHAT);
            case "/v1/embeddings" -> forwardIfPost(request, id, Operation.EMBEDDINGS);
            case "/v1/models" -> {
                if (authenticatedGet(request, id)) models.list(request.response());
            }
            case "/health", "/healthz" -> Responses.json(request.response(), 200, HEALTHY);
            default -> {
                if (path.startsWith("/admin/v1/")) {
                    admin.handle(request);
                } else if (path.startsWith("/v1/models/")) {
                    if (authenticatedGet(request, id)) models.one(request, path.substring("/v1/models/".length()));
                } else {
                    Responses.error(request, new GatewayException(ErrorCode.NOT_FOUND,
                            "Unknown request URL: " + request.method() + " " + path + ". This gateway serves /v1/chat/completions,"
                                    + " /v1/embeddings and /v1/models."), false);
                }
            }
        }
    }

    private void forwardIfPost(HttpServerRequest request, String id, Operation op) {
        if (request.method() != HttpMethod.POST) {
            methodNotAllowed(request, "POST");
            return;
        }
        forward.handle(request, id, op);
    }

    private boolean authenticatedGet(HttpServerRequest request, String id) {
        if (request.method() != HttpMethod.GET) {
            methodNotAllowed(request, "GET");
            return false;
        }
        try {
            pipeline.onHeaders(new RequestContext(id, request, null, pipeline));
            return true;
        } catch (GatewayException e) {
            Responses.error(request, e, false);
            return false;
        }
    }

    private static void methodNotAllowed(HttpServerRequest request, String allowed) {
        request.response().putHeader("allow", allowed);
        Responses.error(request, new GatewayException(ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + request.method() + " is not allowed on " + request.path() + "; use " + allowed + "."), false);
    }
}
