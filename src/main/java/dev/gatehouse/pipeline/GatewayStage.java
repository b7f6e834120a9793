package dev.gatehouse.pipeline;

import io.vertx.core.Future;

/**
 * One stage of the request pipeline (authenticate, decide, limit, meter, audit...). Every method
 * passes by default, so a stage overrides only the moments it cares about. Stages are assembled
 * once at start-up and run on the event loop: they must not block (hot data lives in memory).
 * To refuse a request, throw a {@link dev.gatehouse.api.GatewayException} or fail the future.
 */
public interface GatewayStage {

    /**
     * Whether this stage may change {@code ctx.body()} in place. While no stage may, a request whose
     * body no stage took through {@link RequestContext#rewritableBody()} goes upstream as the
     * client's own bytes with only the model replaced, instead of being re-serialised from the
     * tree. The default is the safe answer for a stage that says nothing: with such a stage in the
     * pipeline, every body is re-serialised, so no change it makes is ever bypassed.
     */
    default boolean editsBodyInPlace() { return true; }

    /** After the request line and headers, before the body is read: who is calling. */
    default void onHeaders(RequestContext ctx) {}

    /**
     * After the body is parsed and the route is known, before anything goes upstream: decide,
     * narrow {@link RequestContext#candidates()}, reserve limits.
     */
    default Future<Void> beforeForward(RequestContext ctx) { return Future.succeededFuture(); }

    /**
     * When a response is known to succeed (its usage is set) but before its last bytes go to the
     * client: the moment to make its usage record durable, so that no completed response goes
     * unbilled even if the process dies right after.
     */
    default Future<Void> beforeFinish(RequestContext ctx) { return Future.succeededFuture(); }

    /** Once, when the response is complete or the request failed: meter, audit, release. */
    default void onComplete(RequestContext ctx) {}
}
