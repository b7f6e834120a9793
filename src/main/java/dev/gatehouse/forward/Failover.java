package dev.gatehouse.forward;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.config.RetryConfig;
import dev.gatehouse.pipeline.RequestContext;
import dev.gatehouse.routing.AttemptFailure;
import dev.gatehouse.routing.CandidateOrder;
import dev.gatehouse.routing.Deployment;
import dev.gatehouse.routing.Route;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Carries one request across a route's deployments. A pass tries each candidate at most once, in
 * priority and weighted order, skipping those whose breaker is open; a failure the route's
 * policy allows moves on to the next candidate, any other failure is final. When a whole pass
 * has failed, up to {@code max_retries} more passes follow, each after an exponential backoff
 * with full jitter, or after the upstream's {@code Retry-After} when it asks for longer (if it
 * asks for more than {@code max_retry_after_ms}, the request fails now instead).
 * Once a stream has sent its first byte, nothing is retried.
 */
public final class Failover {
    private static final Logger log = LoggerFactory.getLogger(Failover.class);

    private final Vertx vertx;
    private final UpstreamClients clients;
    private final long maxResponseBytes;

    public Failover(Vertx vertx, UpstreamClients clients, long maxResponseBytes) {
        this.vertx = vertx;
        this.clients = clients;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Runs the request; the future fails with a {@link GatewayException} for the client. */
    public Future<AttemptResult> execute(RequestContext ctx) {
        List<Deployment> usable = supporting(ctx.candidates(), ctx);
        if (usable.isEmpty()) {
            return Future.failedFuture(ctx.candidates().isEmpty()
                    ? new GatewayException(ErrorCode.CIRCUIT_OPEN, "no deployment of '" + ctx.model() + "' may serve this request")
                    : new GatewayException(ErrorCode.UNSUPPORTED_OPERATION, "'" + ctx.model() + "' does not serve "
                    + ctx.operation().openAiPath().substring(1), "model"));
        }
        return new Run(ctx, usable).next();
    }

    /** The candidates that serve the request's operation: the same list, not a copy, when all of them do. */
    private static List<Deployment> supporting(List<Deployment> candidates, RequestContext ctx) {
        for (Deployment d : candidates) {
            if (!d.provider().adapter().supports(ctx.operation())) {
                return candidates.stream().filter(c -> c.provider().adapter().supports(ctx.operation())).toList();
            }
        }
        return candidates;
    }

    /** The state of one request's walk through its candidates. */
    private final class Run {
        private final RequestContext ctx;
        private final Route route;
        private final List<Deployment> usable;
        private final Promise<AttemptResult> result = Promise.promise();
        private List<Deployment> order;
        private int index;
        private int pass;
        private AttemptFailure lastFailure;
        private UpstreamAttempt current;
        private boolean clientGone;

        Run(RequestContext ctx, List<Deployment> usable) {
            this.ctx = ctx;
            this.route = ctx.route();
            this.usable = usable;
            this.order = CandidateOrder.of(usable);
            ctx.http().response().closeHandler(v -> {
                clientGone = true;
                if (current != null) current.cancel();
            });
        }

        Future<AttemptResult> next() {
            if (clientGone) {
                result.tryFail(ClientGoneException.INSTANCE);
                return result.future();
            }
            long now = System.nanoTime();
            while (index < order.size()) {
                Deployment d = order.get(index++);
                if (!d.breaker().tryAcquire(now)) continue;
                tryDeployment(d, now);
                return result.future();
            }
            endOfPass();
            return result.future();
        }

        private void tryDeployment(Deployment d, long startedNanos) {
            ctx.countAttempt();
            current = new UpstreamAttempt(vertx, clients.of(d.provider()), ctx, d, maxResponseBytes);
            current.start().onComplete(ar -> {
                current = null;
                long now = System.nanoTime();
                if (ar.succeeded()) {
                    d.breaker().onSuccess(now);
                    ctx.servedBy(d);
                    result.tryComplete(ar.result());
                    return;
                }
                if (!(ar.cause() instanceof AttemptException ae)) {
                    d.breaker().onAbandoned();
                    result.tryFail(ar.cause());
                    return;
                }
                AttemptFailure f = ae.failure;
                boolean failsOver = route.failover().failsOver(f);
                if (failsOver) d.breaker().onFailure(now);
                else d.breaker().onSuccess(now); // the deployment answered; the request was at fault
                if (!failsOver) {
                    ctx.servedBy(d);
                    result.tryFail(f.error());
                    return;
                }
                log.debug("request {} attempt at {} failed after {} ms: {}", ctx.requestId(), d.label(),
                        (now - startedNanos) / 1_000_000, f.error().getMessage());
                lastFailure = f;
                next();
            });
        }

        private void endOfPass() {
            if (lastFailure == null) {
                result.tryFail(new GatewayException(ErrorCode.CIRCUIT_OPEN, "every deployment of '" + ctx.model()
                        + "' is cooling down after repeated failures; try again shortly", null, Duration.ofSeconds(1), null, null));
                return;
            }
            RetryConfig retry = route.retry();
            Duration hint = lastFailure.error().retryAfter();
            if (pass >= retry.maxRetries() || (hint != null && hint.toMillis() > retry.maxRetryAfterMs())) {
                result.tryFail(finalError());
                return;
            }
            long ceiling = Math.min(retry.maxBackoffMs(), retry.baseBackoffMs() << Math.min(pass, 20));
            long delay = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
            if (hint != null) delay = Math.max(delay, hint.toMillis());
            pass++;
            index = 0;
            order = CandidateOrder.of(usable);
            if (delay == 0) next();
            else vertx.setTimer(delay, id -> next());
        }

        private GatewayException finalError() {
            GatewayException last = lastFailure.error();
            String summary = "'" + ctx.model() + "': " + ctx.attempts() + (ctx.attempts() == 1 ? " attempt" : " attempts")
                    + " failed; last: " + last.getMessage();
            if (lastFailure instanceof AttemptFailure.Timeout) {
                return new GatewayException(ErrorCode.UPSTREAM_TIMEOUT, summary, null, last.retryAfter(), null, null);
            }
            return new GatewayException(ErrorCode.UPSTREAM_UNAVAILABLE, summary, null, last.retryAfter(), null, null);
        }
    }
}
