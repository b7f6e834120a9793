package dev.gatehouse.pipeline;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Holds requests back, before anything goes upstream, while the recording of earlier ones is too
 * far behind: the usage ledger's loading (budgets and spend are read from the ledger, so a lagging
 * one lets a customer overspend) or the audit log's writer (whose queue would otherwise fill and
 * drop entries). The gateway serves what it can record, not more.
 * <p>A held request waits until the recorders have caught up, then goes on; its client's next
 * request waits for it, so a busy client slows down to the rate the recorders keep up with, and no
 * core is spent answering refusals. After {@code maxWait} it is refused with 503
 * {@code recording_backlog} and {@code Retry-After} (OpenAI's SDKs retry a 503 by themselves),
 * never forwarded. Each event loop checks its held requests with one timer every {@value #POLL_MS}
 * ms, however many there are. Runs first among the stages' {@code beforeForward}, so a held request
 * has not been decided, limited or audited yet.
 */
public final class RecordingGuard implements GatewayStage {
    static final long POLL_MS = 2;
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** One recorder this guard watches: what it does (for the message) and whether it is too far behind. */
    public record Backlog(String what, BooleanSupplier behind) {}

    private record Held(Promise<Void> admitted, long deadline) {}

    /** The requests held on one event loop, oldest first, and whether its check is scheduled; touched only by its thread. */
    private static final class Waiting {
        final ArrayDeque<Held> held = new ArrayDeque<>();
        boolean checkScheduled;
    }

    private final Backlog[] backlogs;
    private final long maxWaitNanos;
    private final FastThreadLocal<Waiting> waiting = new FastThreadLocal<>() {
        @Override
        protected Waiting initialValue() { return new Waiting(); }
    };

    public RecordingGuard(List<Backlog> backlogs, Duration maxWait) {
        this.backlogs = backlogs.toArray(Backlog[]::new);
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** This stage never touches the body. */
    @Override
    public boolean editsBodyInPlace() { return false; }

    @Override
    public Future<Void> beforeForward(RequestContext ctx) {
        if (firstBehind() == null) return Future.succeededFuture(); // the hot path: two counter reads
        Waiting w = waiting.get();
        Promise<Void> admitted = Promise.promise();
        w.held.add(new Held(admitted, System.nanoTime() + maxWaitNanos));
        scheduleCheck(Vertx.currentContext().owner(), w);
        return admitted.future();
    }

    private void scheduleCheck(Vertx vertx, Waiting w) {
        if (w.checkScheduled || w.held.isEmpty()) return;
        w.checkScheduled = true;
        vertx.setTimer(POLL_MS, id -> check(vertx, w));
    }

    /** On the event loop that holds them: lets every held request go, or refuses those held too long. */
    private void check(Vertx vertx, Waiting w) {
        w.checkScheduled = false;
        Backlog behind = firstBehind();
        long now = System.nanoTime();
        // oldest first: once one is not yet due for refusal, none after it is
        while (!w.held.isEmpty() && (behind == null || now - w.held.peek().deadline() > 0)) {
            Held h = w.held.poll();
            if (behind == null) h.admitted().complete();
            else h.admitted().fail(refusal(behind));
        }
        scheduleCheck(vertx, w);
    }

    private static GatewayException refusal(Backlog behind) {
        return new GatewayException(ErrorCode.RECORDING_BEHIND, "The gateway is busy: " + behind.what()
                + " is behind, and it takes no new requests until it has caught up. Retry shortly.",
                null, RETRY_AFTER, null, null);
    }

    private Backlog firstBehind() {
        for (Backlog b : backlogs) if (b.behind().getAsBoolean()) return b;
        return null;
    }
}
