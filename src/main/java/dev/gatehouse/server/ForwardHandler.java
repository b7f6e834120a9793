package dev.gatehouse.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.RequestJson;
import dev.gatehouse.api.ResponseTextFilter;
import dev.gatehouse.api.ResponseTextRewriter;
import dev.gatehouse.forward.AttemptResult;
import dev.gatehouse.forward.ClientGoneException;
import dev.gatehouse.forward.Failover;
import dev.gatehouse.pipeline.Pipeline;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.routing.Route;
import dev.gatehouse.routing.RouteTable;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The request path of the operations that go upstream: authenticate, read and check the body,
 * find the route, run the pipeline's decisions, forward with failover, answer, and let every
 * stage see the outcome once. Failures are logged here, once.
 */
final class ForwardHandler {
    private static final Logger log = LoggerFactory.getLogger(ForwardHandler.class);

    private final RouteTable routes;
    private final Pipeline pipeline;
    private final Failover failover;
    private final long maxBodyBytes;

    ForwardHandler(RouteTable routes, Pipeline pipeline, Failover failover, long maxBodyBytes) {
        this.routes = routes;
        this.pipeline = pipeline;
        this.failover = failover;
        this.maxBodyBytes = maxBodyBytes;
    }

    void handle(HttpServerRequest http, String requestId, Operation op) {
        RequestContext ctx = new RequestContext(requestId, http, op, pipeline);
        try {
            pipeline.onHeaders(ctx);
        } catch (GatewayException e) {
            finish(ctx, e, false);
            return;
        }
        BodyReader.read(http, maxBodyBytes).onComplete(ar -> {
            if (ar.failed()) {
                GatewayException e = ar.cause() instanceof GatewayException g ? g
                        : GatewayException.invalid("The request body could not be read.", null);
                finish(ctx, e, e.code() == ErrorCode.BODY_TOO_LARGE);
                return;
            }
            try {
                prepare(ctx, ar.result());
            } catch (GatewayException e) {
                finish(ctx, e, false);
                return;
            }
            pipeline.beforeForward(ctx)
                    .compose(v -> failover.execute(ctx))
                    .onComplete(result -> respond(ctx, result));
        });
    }

    private void prepare(RequestContext ctx, Buffer raw) {
        RequestJson.Parsed parsed = parse(raw);
        JsonNode body = parsed.tree();
        String model = RequestValidator.validate(ctx.operation(), body);
        boolean stream = ctx.operation() == Operation.CHAT && body.path("stream").asBoolean(false);
        boolean wantsUsage = stream && body.path("stream_options").path("include_usage").asBoolean(false);
        ctx.request((ObjectNode) body, pipeline.forwardsBodiesAsReceived() ? parsed.splice() : null, model, stream, wantsUsage);
        Route route = routes.find(model);
        if (route == null) {
            throw new GatewayException(ErrorCode.MODEL_NOT_FOUND,
                    "The model '" + model + "' does not exist or you do not have access to it.", "model");
        }
        ctx.route(route);
    }

    private static RequestJson.Parsed parse(Buffer raw) {
        try {
            RequestJson.Parsed parsed = RequestJson.read(raw);
            if (parsed.tree() == null) throw GatewayException.invalid("The request body is empty; send a JSON object.", null);
            return parsed;
        } catch (StreamConstraintsException e) {
            throw GatewayException.invalid("The request body is too deeply nested or has a too-long value.", null);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            if (m != null && m.contains("UTF-8")) {
                throw new GatewayException(ErrorCode.INVALID_UTF8, "The request body is not valid UTF-8.");
            }
            throw new GatewayException(ErrorCode.INVALID_JSON, "We could not parse the JSON body of your request: "
                    + (e.getLocation() != null ? "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : "")
                    + " " + firstLine(m));
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.INVALID_JSON, "We could not parse the JSON body of your request.");
        }
    }

    private void respond(RequestContext ctx, AsyncResult<AttemptResult> result) {
        if (result.succeeded()) {
            switch (result.result()) {
                case AttemptResult.Complete c -> {
                    ctx.succeeded(200, c.response().usage());
                    ctx.beforeFinish().onComplete(durable -> {
                        ctx.markFirstByte();
                        Responses.json(ctx.http().response(), 200, filtered(ctx, c.response().body()));
                        pipeline.onComplete(ctx);
                    });
                    return;
                }
                case AttemptResult.Streamed s -> {
                    if (s.error() == null) {
                        ctx.succeeded(200, s.usage());
                    } else {
                        ctx.failed(s.error(), s.usage());
                        log.warn("request {} to '{}' broke mid-stream at {}: {} ({})", ctx.requestId(), ctx.model(),
                                ctx.servedBy() != null ? ctx.servedBy().label() : "?", s.error().wireCode(), s.error().getMessage());
                    }
                }
            }
            pipeline.onComplete(ctx);
            return;
        }
        Throwable cause = result.cause();
        if (cause instanceof GatewayException e) {
            finish(ctx, e, false);
        } else if (cause instanceof ClientGoneException) {
            ctx.failed(new GatewayException(ErrorCode.INVALID_REQUEST, "the client closed the connection"), null);
            pipeline.onComplete(ctx);
        } else {
            log.error("request {} failed unexpectedly", ctx.requestId(), cause);
            finish(ctx, new GatewayException(ErrorCode.INTERNAL, "The gateway hit an internal error; request id " + ctx.requestId()), false);
        }
    }

    /** The body with the request's response filters applied; untouched (not even parsed) without filters. */
    private static Buffer filtered(RequestContext ctx, Buffer body) {
        ResponseTextFilter filter = ctx.responseFilter();
        if (filter == null || ctx.operation() != Operation.CHAT) return body;
        byte[] raw = body.getBytes();
        byte[] out = ResponseTextRewriter.complete(raw, filter);
        return out == raw ? body : Buffer.buffer(out);
    }

    private void finish(RequestContext ctx, GatewayException e, boolean closeConnection) {
        if (e.status() >= 500) {
            log.warn("request {} to '{}' failed: {} ({})", ctx.requestId(), ctx.model(), e.wireCode(), e.getMessage());
        } else if (log.isDebugEnabled()) {
            log.debug("request {} refused: {} ({})", ctx.requestId(), e.wireCode(), e.getMessage());
        }
        ctx.failed(e, null);
        Responses.error(ctx.http(), e, closeConnection);
        pipeline.onComplete(ctx);
    }

    private static String firstLine(String m) {
        if (m == null) return "";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
