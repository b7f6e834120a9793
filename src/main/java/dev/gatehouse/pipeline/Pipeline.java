package dev.gatehouse.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.BiFunction;

/** The stages in order, assembled once. Runs each moment over all stages. */
public final class Pipeline {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    private final GatewayStage[] stages;
    private final boolean forwardsBodiesAsReceived;

    public Pipeline(List<GatewayStage> stages) {
        this.stages = stages.toArray(GatewayStage[]::new);
        this.forwardsBodiesAsReceived = stages.stream().noneMatch(GatewayStage::editsBodyInPlace);
    }

    /** Whether no stage may change a body in place, so bodies may go upstream as received (see {@link GatewayStage#editsBodyInPlace()}). */
    public boolean forwardsBodiesAsReceived() { return forwardsBodiesAsReceived; }

    public void onHeaders(RequestContext ctx) {
        for (GatewayStage s : stages) s.onHeaders(ctx);
    }

    /** Runs the stages' {@code beforeForward} in order; stays synchronous while futures are already done. */
    public Future<Void> beforeForward(RequestContext ctx) {
        return runFrom(0, ctx, GatewayStage::beforeForward);
    }

    /** Runs the stages' {@code beforeFinish} in order, like {@link #beforeForward}. */
    public Future<Void> beforeFinish(RequestContext ctx) {
        return runFrom(0, ctx, GatewayStage::beforeFinish);
    }

    private Future<Void> runFrom(int i, RequestContext ctx, BiFunction<GatewayStage, RequestContext, Future<Void>> moment) {
        for (; i < stages.length; i++) {
            Future<Void> f;
            try {
                f = moment.apply(stages[i], ctx);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
            if (!f.isComplete()) {
                int next = i + 1;
                Promise<Void> p = Promise.promise();
                f.onComplete(ar -> {
                    if (ar.failed()) p.fail(ar.cause());
                    else runFrom(next, ctx, moment).onComplete(p);
                });
                return p.future();
            }
            if (f.failed()) return f;
        }
        return Future.succeededFuture();
    }

    /** Every stage sees completion, even when an earlier one throws (metering must not be skipped). */
    public void onComplete(RequestContext ctx) {
        for (GatewayStage s : stages) {
            try {
                s.onComplete(ctx);
            } catch (RuntimeException e) {
                log.error("stage {} failed on completion of request {}", s.getClass().getSimpleName(), ctx.requestId(), e);
            }
        }
    }
}
