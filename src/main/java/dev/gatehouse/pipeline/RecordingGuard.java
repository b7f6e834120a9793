package dev.gatehouse.pipeline;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Holds requests back, before anything goes upstream, while the recording of earlier ones is too
 * far behind: the usage ledger's loading (budgets and spend are read from the ledger, so a lagging
 * one lets a customer overspend) or the audit log's writer (whose queue would otherwise fill and
 * drop entries). The gateway serves what it can record, not more.
 * <p>A held request waits (checked every {@value #POLL_MS} ms) until the recorders have caught up,
 * then goes on; its client's next request waits for it, so a busy client slows down to the rate
 * the recorders keep up with, and no core is spent answering refusals. After {@code maxWait} it is
 * refused with 503 {@code recording_backlog} and {@code Retry-After} (OpenAI's SDKs retry a 503 by
 * themselves), never forwarded. Runs first among the stages' {@code beforeForward}, so a held
 * request has not been decided, limited or audited yet.
 */
public final class RecordingGuard implements GatewayStage {
    static final long POLL_MS = 2;
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** One recorder this guard watches: what it does (for the message) and whether it is too far behind. */
    public record Backlog(String what, BooleanSupplier behind) {}

    private final Backlog[] backlogs;
    private final long maxWaitNanos;

    public RecordingGuard(List<Backlog> backlogs, Duration maxWait) {
        this.backlogs = backlogs.toArray(Backlog[]::new);
        this.maxWaitNanos = maxWait.toNanos();
    }

    @Override
    public Future<Void> beforeForward(RequestContext ctx) {
        if (firstBehind() == null) return Future.succeededFuture(); // the hot path: two counter reads
        Vertx vertx = Vertx.currentContext().owner();
        Promise<Void> admitted = Promise.promise();
        long deadline = System.nanoTime() + maxWaitNanos;
        vertx.setTimer(POLL_MS, id -> poll(vertx, admitted, deadline));
        return admitted.future();
    }

    private void poll(Vertx vertx, Promise<Void> admitted, long deadline) {
        Backlog behind = firstBehind();
        if (behind == null) {
            admitted.complete();
        } else if (System.nanoTime() - deadline > 0) {
            admitted.fail(new GatewayException(ErrorCode.RECORDING_BEHIND, "The gateway is busy: " + behind.what()
                    + " is behind, and it takes no new requests until it has caught up. Retry shortly.",
                    null, RETRY_AFTER, null, null));
        } else {
            vertx.setTimer(POLL_MS, id -> poll(vertx, admitted, deadline));
        }
    }

    private Backlog firstBehind() {
        for (Backlog b : backlogs) if (b.behind().getAsBoolean()) return b;
        return null;
    }
}
